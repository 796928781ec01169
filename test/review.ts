import { makePng } from "./images.js";
import type { TestService } from "./service.js";
import { TEST_SERVICE } from "./service-fixture.js";

const ID_PNG = Buffer.from(makePng(1012, 638)).toString("base64");

/**
 * #12 review: a company's application for TEST_SERVICE through the public API, with its ID card (PNG)
 * and a delegation of authority as a PDF (signed or not) with its e-Stamp reference (FM-5).
 * Returns the matter, the application and the attachment ids of both files.
 */
export async function submitCompanyApplication(
  service: TestService,
  delegationPdf: Buffer,
  eStamp = "ES-2569-000123",
) {
  const res = await service.app.inject({
    method: "POST",
    url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
    payload: {
      applicant: {
        type: "juristic",
        name: "บริษัท ทดสอบ จำกัด",
        idNumber: "0105555123450",
        email: "company@example.com",
        actingPerson: { name: "สมชาย ใจดี", idNumber: "3100500123458", position: "กรรมการ" },
      },
      answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
      documents: [
        { documentId: "id-card", filename: "id.png", contentBase64: ID_PNG },
        {
          documentId: "delegation",
          filename: "มอบอำนาจ.pdf",
          contentBase64: delegationPdf.toString("base64"),
          eStampReference: eStamp,
        },
      ],
      signature: { name: "สมชาย ใจดี", confirmed: true },
      privacyNoticeVersion: "pn-1",
    },
  });
  if (res.statusCode !== 201) throw new Error(`application not submitted: ${res.statusCode} ${res.body}`);
  const { applicationId } = res.json() as { applicationId: string };
  const app = await service.handle.db
    .selectFrom("applications")
    .select(["matter_id", "entry_id"])
    .where("id", "=", applicationId)
    .executeTakeFirstOrThrow();
  const docs = await service.handle.db
    .selectFrom("application_documents")
    .select(["document_id", "attachment_id"])
    .where("application_id", "=", applicationId)
    .execute();
  const attachment = (id: string) => docs.find((d) => d.document_id === id)?.attachment_id ?? "";
  return {
    matterId: app.matter_id,
    entryId: app.entry_id,
    applicationId,
    idCard: attachment("id-card"),
    delegation: attachment("delegation"),
  };
}
