import canonicalizeModule from "canonicalize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { type Agency, findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { sha256Hex } from "../platform/ids.js";
import { createDraft } from "./drafts.repo.js";
import { type ApplicationInput, submitApplication } from "./submit-application.js";

const canonicalize = canonicalizeModule as unknown as (v: unknown) => string;
const NOW = "2026-12-07T03:00:00.000Z"; // Monday 10:00 in Bangkok
const person = {
  type: "person",
  name: "สมหญิง  รักดี",
  idNumber: "1-1017-00230-70-8",
  email: "somying@example.com",
};

const validInput = (over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  serviceCode: TEST_SERVICE.code,
  applicant: person,
  answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
  documents: [{ documentId: "id-card", file: { filename: "id.png", bytes: makePng(1012, 638), size: 0 } }],
  privacyNoticeVersion: "pn-1",
  language: "th",
  signature: { name: "สมหญิง รักดี", confirmed: true },
  ...over,
});

describe.each(testDialects())("submitting an application on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let agency: Agency;
  const count = async (table: "entries" | "applications" | "application_documents" | "outbox") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    agency = (await findAgency(service.handle.db, "demo"))!;
  });
  afterAll(async () => service?.stop());

  const submit = (input: ApplicationInput, key: string) =>
    submitApplication(
      {
        handle: service.handle,
        clock,
        files: service.files,
        secret: "s",
        publicUrl: "http://borikan.test",
        maxFileBytes: 1_000_000,
      },
      agency,
      input,
      { idempotencyKey: key, ip: "192.0.2.1", userAgent: "test" },
    );

  it("FM-6, FM-7, CH-11: one entry, one application, its documents and the acknowledgement; the hash is of exactly what was signed", async () => {
    const result = await submit(validInput(), "api:first-one");
    expect(result.entry.subject).toBe(TEST_SERVICE.name.th);
    expect(result.entry.body).toContain("ชื่อร้าน: ร้านข้าวแกง");
    expect(result.serviceVersion).toBe(1);
    const row = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", result.applicationId)
      .executeTakeFirstOrThrow();
    expect(row.entry_id).toBe(result.entry.id);
    expect(row.applicant_id_number).toBe("1101700230708");
    expect(row.privacy_notice_version).toBe("pn-1");
    const signature = JSON.parse(row.signature);
    expect(signature).toMatchObject({ method: "typed-name", name: "สมหญิง รักดี", ip: "192.0.2.1", otp: null });
    const signed = {
      service: { code: "shop-permit", version: 1 },
      applicant: {
        type: "person",
        name: "สมหญิง รักดี",
        idNumber: "1101700230708",
        email: "somying@example.com",
      },
      answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
      documents: [{ documentId: "id-card", sha256: result.attachments[0]!.sha256 }],
    };
    expect(row.signed_sha256).toBe(sha256Hex(canonicalize(signed)));
    expect(signature.signedSha256).toBe(row.signed_sha256);
    const docs = await service.handle.db.selectFrom("application_documents").selectAll().execute();
    expect(docs).toMatchObject([{ document_id: "id-card", resolution_dpi: 300, low_resolution: 0 }]);
    expect(docs[0]!.attachment_id).toBe(result.attachments[0]!.id);
    expect(await count("outbox")).toBe(1);
  });

  it("CH-11: the same key and content answers with the first receipt; other content is refused", async () => {
    const first = await submit(validInput(), "api:twice-key");
    const again = await submit(validInput(), "api:twice-key");
    expect(again.replayed).toBe(true);
    expect(again.entry.receiptNumber).toBe(first.entry.receiptNumber);
    expect(again.applicationId).toBe(first.applicationId);
    const other = submit(validInput({ answers: { shopName: "อื่น", hasBranch: "no" } }), "api:twice-key");
    await expect(other).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("LF-2: every field error at once, and nothing written", async () => {
    const before = [await count("entries"), await count("applications")];
    const error = await submit(
      validInput({
        applicant: { type: "person", name: "", idNumber: "1101700230709" },
        answers: { hasBranch: "yes" },
        documents: [],
        signature: { name: "x", confirmed: false },
      }),
      "api:bad-one",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = ((error as AppError).details as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        "applicant.name",
        "applicant.idNumber",
        "applicant.email",
        "answers.shopName",
        "documents.id-card",
        "signature.confirmed",
      ]),
    );
    expect([await count("entries"), await count("applications")]).toEqual(before);
  });

  it("FM-5: a juristic person needs its delegation, and the person acting may sign", async () => {
    const juristic = {
      type: "juristic",
      name: "บริษัท ทดสอบ จำกัด",
      idNumber: "0105555123450",
      phone: "081-234-5678",
      actingPerson: { name: "สมชาย ใจดี", idNumber: "3100500123458", position: "กรรมการ" },
    };
    const missing = submit(
      validInput({ applicant: juristic, signature: { name: "สมชาย ใจดี", confirmed: true } }),
      "api:jur-1",
    );
    await expect(missing).rejects.toMatchObject({ code: "APPLICATION_INVALID" });
    const png = { filename: "d.png", bytes: makePng(1240, 1754), size: 0 };
    const done = await submit(
      validInput({
        applicant: juristic,
        signature: { name: "สมชาย ใจดี", confirmed: true },
        documents: [
          ...validInput().documents,
          { documentId: "delegation", eStampReference: "ES-2569-000123", file: png },
        ],
      }),
      "api:jur-2",
    );
    const docs = await service.handle.db
      .selectFrom("application_documents")
      .selectAll()
      .where("application_id", "=", done.applicationId)
      .where("document_id", "=", "delegation")
      .executeTakeFirstOrThrow();
    expect(docs).toMatchObject({
      e_stamp_reference: "ES-2569-000123",
      low_resolution: 1,
      resolution_dpi: 150,
    });
  });

  it("FM-1: a draft made on v1 is accepted on v1 after v2 is published, and a second submit gives the first receipt", async () => {
    const v1 = (
      await service.handle.db
        .selectFrom("service_versions as v")
        .innerJoin("services as s", "s.id", "v.service_id")
        .select("v.id")
        .where("s.code", "=", "shop-permit")
        .where("v.version", "=", 1)
        .executeTakeFirstOrThrow()
    ).id;
    const { draft } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: v1, language: "th" },
      clock.now(),
    );
    await publishTestService(service, { ...TEST_SERVICE, name: { th: "ฉบับสอง" } });
    const input = validInput({ draft: { id: draft.id, serviceVersionId: v1 } });
    const first = await submit(input, `draft:${draft.id}`);
    expect(first.serviceVersion).toBe(1);
    expect(first.entry.subject).toBe(TEST_SERVICE.name.th);
    const second = await submit(
      validInput({ draft: { id: draft.id, serviceVersionId: v1 }, answers: {} }),
      `draft:${draft.id}`,
    );
    expect(second.entry.receiptNumber).toBe(first.entry.receiptNumber);
    expect(second.replayed).toBe(true);
  });

  it("a retired service takes no application, not even from an old draft", async () => {
    await service.handle.db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", "shop-permit")
      .execute();
    try {
      await expect(submit(validInput(), "api:retired")).rejects.toMatchObject({ code: "SERVICE_RETIRED" });
      await expect(submit(validInput({ serviceCode: "nothing" }), "api:none")).rejects.toMatchObject({
        code: "SERVICE_NOT_FOUND",
      });
    } finally {
      await service.handle.db
        .updateTable("services")
        .set({ state: "published" })
        .where("code", "=", "shop-permit")
        .execute();
    }
  });

  it("FM-6: a service asking a one-time code refuses an application without one", async () => {
    await publishTestService(service, { ...TEST_SERVICE, signature: { otp: "email" } });
    await expect(submit(validInput(), "api:otp")).rejects.toMatchObject({ code: "SIGNATURE_OTP_REQUIRED" });
  });
});
