import QRCode from "qrcode";
import type { Agency } from "../agencies/index.js";
import type { Text } from "../catalog/index.js";
import { formatDate } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import type { PrintedField } from "./licence.js";

/** What a licence's PDF is drawn from: everything printed, already resolved from the application. */
export interface LicenceDocumentFacts {
  agency: Pick<Agency, "nameTh" | "nameEn" | "postalAddress">;
  title: Text;
  number: string;
  edition: number;
  holderName: string;
  fields: PrintedField[];
  conditions: Text[];
  validFrom: string;
  validUntil: string | null;
  signer: { name: string; position: string };
  /** LC-3: the link the QR encodes, on the agency's own origin. */
  verifyUrl: string;
  verificationCode: string;
  issuedAt: Date;
  /** The signer is the demo certificate: the document says it is not the agency's. */
  demoSigner: boolean;
}

/** LC-3: the QR of the verification link as a PNG (error correction M, a 4-module quiet zone). */
export const licenceQrPng = (url: string, width = 240): Promise<Buffer> =>
  QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width });

/**
 * LC-1: the licence as an A4 PDF in Thai, before it is signed: agency, title, number, holder, the
 * template's lines, validity, conditions, the signer, and the QR with the code printed under it.
 */
export async function licencePdf(facts: LicenceDocumentFacts): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `${facts.title.th} ${facts.number}`,
    lang: "th",
    author: facts.agency.nameTh,
    subject: `Licence ${facts.number}`,
    createdAt: facts.issuedAt,
  });
  pdf.paragraph(facts.agency.nameTh, { bold: true, size: 18, center: true });
  pdf.paragraph(facts.title.th, { bold: true, size: 22, center: true });
  if (facts.title.en) pdf.paragraph(facts.title.en, { center: true });
  if (facts.demoSigner)
    pdf.paragraph("ตัวอย่าง ลงนามด้วยใบรับรองทดลอง มิใช่ใบอนุญาตของหน่วยงาน / DEMO: not the agency's licence", {
      bold: true,
      center: true,
    });
  pdf.space(0.5);
  pdf.rows([
    {
      label: "เลขที่ / No.",
      value: facts.edition > 1 ? `${facts.number} (แก้ไขครั้งที่ ${facts.edition - 1})` : facts.number,
    },
    { label: "ผู้ได้รับอนุญาต / Licensee", value: facts.holderName },
    ...facts.fields.map((f) => ({ label: f.label.th, value: f.value })),
    { label: "วันที่ออก / Issued", value: formatDate("th", facts.validFrom) },
    {
      label: "ใช้ได้ถึง / Valid until",
      value: facts.validUntil ? formatDate("th", facts.validUntil) : "จนกว่าจะถูกเพิกถอน / until revoked",
    },
  ]);
  if (facts.conditions.length > 0) {
    pdf.space(0.5);
    pdf.heading("เงื่อนไข / Conditions", 3);
    pdf.list(
      facts.conditions.map((c) => c.th),
      { numbered: true },
    );
  }
  pdf.space(1);
  pdf.paragraph(`(${facts.signer.name})`, { indent: 0.5, center: false });
  pdf.paragraph(facts.signer.position, { indent: 0.5 });
  pdf.space(0.5);
  pdf.image(await licenceQrPng(facts.verifyUrl), { width: 110, center: true });
  pdf.paragraph(`ตรวจสอบใบอนุญาต / Verify: ${facts.verifyUrl}`, { size: 11, center: true });
  pdf.paragraph(`รหัสตรวจสอบ / Code: ${facts.verificationCode}`, { size: 12, center: true });
  return pdf.toBuffer();
}
