import type { Agency } from "../agencies/index.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import { bahtText } from "./baht-text.js";
import { formatBaht } from "./money.js";
import type { PaymentSource } from "./payment.table.js";
import type { EReceipt } from "./receipts.repo.js";

/** How the money came, as the receipt says it (PY-5). */
export const CHANNEL_TH: Record<PaymentSource, { th: string; en: string }> = {
  callback: { th: "ชำระผ่านธนาคาร (Thai QR / Bill Payment)", en: "Bank bill payment (Thai QR)" },
  statement: { th: "โอนเข้าบัญชีของหน่วยงาน", en: "Transfer to the agency's account" },
  slip: { th: "โอนเข้าบัญชีของหน่วยงาน (หลักฐานการโอน)", en: "Transfer, with a slip" },
  counter: { th: "ชำระที่หน่วยงาน", en: "Paid at the office" },
};

export interface ReceiptDocumentFacts {
  receipt: EReceipt;
  /** What the receipt prints of the agency (a pool thread is given these, not the whole row). */
  agency: Pick<Agency, "nameTh" | "postalAddress" | "timeZone">;
  /** The applicant as the application names them. */
  payerName: string;
  /** Where the applicant's page shows the receipt (the verification line). */
  verifyAt: string;
  /** The signer is a demo certificate: the document says it is not the agency's. */
  demoSigner: boolean;
}

/**
 * PY-5: the e-receipt as a PDF in Thai, before it is signed: agency, title, number, fiscal year, date
 * received (BE), payer, what for, amount in figures and words, channel and references, the receiver.
 */
export async function receiptPdf(facts: ReceiptDocumentFacts): Promise<Buffer> {
  const { receipt, agency } = facts;
  const tz = agency.timeZone;
  const pdf = createThaiPdf({
    title: `ใบเสร็จรับเงินอิเล็กทรอนิกส์ ${receipt.receiptNumber}`,
    lang: "th",
    author: agency.nameTh,
    subject: `e-Receipt ${receipt.receiptNumber}`,
    createdAt: receipt.issuedAt,
  });
  pdf.paragraph(agency.nameTh, { bold: true, size: 18, center: true });
  if (agency.postalAddress) pdf.paragraph(agency.postalAddress, { center: true });
  pdf.space(0.5);
  pdf.paragraph("ใบเสร็จรับเงินอิเล็กทรอนิกส์ / e-Receipt", { bold: true, size: 20, center: true });
  if (facts.demoSigner)
    pdf.paragraph("ตัวอย่าง ลงนามด้วยใบรับรองทดลอง มิใช่ใบเสร็จของหน่วยงาน / DEMO: not the agency's receipt", {
      bold: true,
      center: true,
    });
  pdf.space(0.5);
  pdf.rows([
    { label: "เลขที่ / No.", value: receipt.receiptNumber },
    { label: "ปีงบประมาณ / Fiscal year", value: `พ.ศ. ${receipt.fiscalYear}` },
    { label: "วันที่รับเงิน / Received", value: formatDateTime("th", receipt.payment.paidAt, tz) },
    { label: "ได้รับเงินจาก / Received from", value: facts.payerName },
    { label: "คำขอเลขรับ / Application", value: receipt.matterReceiptNumber },
  ]);
  pdf.space(0.5);
  pdf.heading("รายการ / Items", 3);
  pdf.rows(
    receipt.notice.lines.map((line) => ({
      label: line.basis ? `${line.detail.th} (${line.basis})` : line.detail.th,
      value: `${formatBaht(line.amountSatang)} บาท`,
    })),
  );
  pdf.rows([
    { label: "รวมเงิน / Total", value: `${formatBaht(receipt.amountSatang)} บาท` },
    { label: "ตัวอักษร / In words", value: `(${bahtText(receipt.amountSatang)})` },
  ]);
  pdf.space(0.5);
  pdf.rows([
    { label: "ช่องทาง / Channel", value: CHANNEL_TH[receipt.payment.source].th },
    { label: "Ref1", value: receipt.notice.ref1 },
    ...(receipt.notice.ref2 ? [{ label: "Ref2", value: receipt.notice.ref2 }] : []),
    ...(receipt.payment.bankReference
      ? [{ label: "เลขอ้างอิงธนาคาร / Bank ref.", value: receipt.payment.bankReference }]
      : []),
  ]);
  pdf.space(1);
  pdf.paragraph(`ผู้รับเงิน ${agency.nameTh}`, { indent: 0.45 });
  pdf.paragraph("ลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์", { indent: 0.45 });
  pdf.space(1);
  pdf.paragraph(
    `ตรวจสอบลายมือชื่ออิเล็กทรอนิกส์ได้ด้วยโปรแกรมอ่าน PDF และตรวจสอบใบเสร็จนี้ได้ที่ ${facts.verifyAt} / Verify the signature in a PDF reader, and this receipt at the address above.`,
    { size: 11 },
  );
  return pdf.toBuffer();
}
