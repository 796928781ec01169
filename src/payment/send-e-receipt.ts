import type { Agency } from "../agencies/index.js";
import { enqueueMessage } from "../outbox/index.js";
import type { Db } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { trackingToken } from "../register/index.js";
import { formatBaht } from "./money.js";
import type { EReceipt } from "./receipts.repo.js";

/** The outbox's subject of an e-receipt's mail: one per receipt, so it is never sent twice (PY-5). */
export const eReceiptSubjectKey = (receiptId: string) => `e-receipt:${receiptId}`;
export const E_RECEIPT_MESSAGE_KIND = "e-receipt";

export interface ReceiptRecipient {
  entryId: string;
  email: string | null;
  beYear: number;
  sequence: number;
}

/** The applicant's payment page, where the receipt can be read again (the tracking token proves them). */
export function paymentPageUrl(
  links: { secret: string; publicUrl: string },
  agencyId: string,
  to: ReceiptRecipient,
): string {
  return `${links.publicUrl}/a/${agencyId}/requests/${to.beYear}/${to.sequence}/payment?t=${trackingToken(links.secret, to.entryId)}`;
}

/**
 * PY-5, TR-2: queues the issued e-receipt to the applicant by email, inside the transaction that marks
 * it issued: the signed PDF attached and a link to their payment page. Only once per receipt (the
 * outbox's subject key); whether it was sent is the outbox's to say. Returns false when the applicant
 * gave no address mail can go to (the payment page still has the receipt).
 */
export async function queueEReceiptMail(
  trx: Db,
  input: {
    agency: Agency;
    receipt: EReceipt;
    to: ReceiptRecipient;
    pdf: Buffer;
    links: { secret: string; publicUrl: string };
    at: Date;
  },
): Promise<boolean> {
  const { agency, receipt, to } = input;
  if (!to.email || !isValidEmailAddress(to.email)) return false;
  const page = paymentPageUrl(input.links, agency.id, to);
  const text = [
    `${agency.nameTh} ได้รับเงิน ${formatBaht(receipt.amountSatang)} บาท สำหรับคำขอเลขรับ ${receipt.matterReceiptNumber} แล้ว`,
    `ใบเสร็จรับเงินอิเล็กทรอนิกส์เลขที่ ${receipt.receiptNumber} (ลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์) แนบมาเป็นไฟล์ PDF`,
    `ดูใบเสร็จและดาวน์โหลดอีกครั้งได้ที่ ${page}`,
    "",
    `${agency.nameEn} received ${formatBaht(receipt.amountSatang)} baht for application ${receipt.matterReceiptNumber}.`,
    `The signed e-receipt ${receipt.receiptNumber} is attached as a PDF; it is also on your payment page: ${page}`,
  ].join("\n");
  await enqueueMessage(
    trx,
    {
      agencyId: agency.id,
      entryId: null,
      subjectKey: eReceiptSubjectKey(receipt.id),
      kind: E_RECEIPT_MESSAGE_KIND,
      channel: "email",
      recipient: to.email,
      mail: {
        subject: `ใบเสร็จรับเงินอิเล็กทรอนิกส์ ${receipt.receiptNumber} / e-Receipt`,
        text,
        attachments: [
          {
            filename: `e-receipt-${receipt.receiptNumber}.pdf`,
            contentType: "application/pdf",
            content: input.pdf.toString("base64"),
            encoding: "base64",
          },
        ],
      },
    },
    input.at.toISOString(),
  );
  return true;
}
