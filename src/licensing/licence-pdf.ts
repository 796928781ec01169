import QRCode from "qrcode";
import type { Agency } from "../agencies/index.js";
import type { Text } from "../catalog/index.js";
import { formatDate } from "../platform/i18n/format.js";
import { createThaiPdf } from "../platform/pdf/index.js";
import type { PrintedField } from "./licence.js";

/** What a licence's PDF is drawn from: everything printed, already resolved from the application. */
export interface LicenceDocumentFacts {
  agency: Pick<Agency, "nameTh" | "nameEn" | "postalAddress">;
  /** The agency's emblem (PNG or JPEG) printed at the top; absent: none. */
  emblemPng?: Buffer;
  title: Text;
  number: string;
  edition: number;
  holderName: string;
  /** The template prints the applicant's name as one of its lines: the licensee row is not repeated. */
  holderInFields?: boolean;
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
  /** RG-6: printed to be signed by hand (and scanned back): a line to sign on, no electronic-signature note. */
  paper?: boolean;
}

/** LC-3: the QR of the verification link as a PNG (error correction M, a 4-module quiet zone). */
export const licenceQrPng = (url: string, width = 240): Promise<Buffer> =>
  QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width });

/** "แก้ไขครั้งที่ 1" for the second edition: an amendment keeps the number (LC-1). */
export const editionText = (edition: number): string | undefined =>
  edition > 1 ? `แก้ไขครั้งที่ ${edition - 1} / Amendment ${edition - 1}` : undefined;

/** LC-3: the line telling a reader which host alone checks this licence (a forged QR leads elsewhere). */
export const checkOnlyAtText = (verifyUrl: string): string => {
  const host = new URL(verifyUrl).host;
  return `ตรวจสอบได้ที่ ${host} เท่านั้น / Check only at ${host}`;
};

/**
 * LC-1: the licence as a printable A4 PDF in Thai, before it is signed: the agency's emblem and name, the
 * title, number and edition, the holder, every printed line (PR-1), validity in Buddhist-era dates, the
 * conditions numbered, the signer at the place of signature, and the QR to the agency's own origin with
 * the code under it and the host to check at (LC-3).
 */
export async function licencePdf(facts: LicenceDocumentFacts): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `${facts.title.th} ${facts.number}`,
    lang: "th",
    author: facts.agency.nameTh,
    subject: `Licence ${facts.number}`,
    createdAt: facts.issuedAt,
    frame: true,
  });
  if (facts.emblemPng) pdf.image(facts.emblemPng, { width: 64, center: true });
  pdf.paragraph(facts.agency.nameTh, { bold: true, size: 16, center: true });
  pdf.paragraph(facts.title.th, { bold: true, size: 22, center: true });
  if (facts.title.en) pdf.paragraph(facts.title.en, { size: 13, center: true });
  if (facts.demoSigner)
    pdf.paragraph("ตัวอย่าง ใบรับรองทดลอง มิใช่ใบอนุญาตจริง / DEMO: not a real licence", {
      bold: true,
      size: 12,
      center: true,
    });
  pdf.paragraph(`เลขที่ / No. ${facts.number}`, { bold: true, size: 16, center: true });
  const edition = editionText(facts.edition);
  if (edition) pdf.paragraph(edition, { size: 12, center: true });
  pdf.rows([
    ...(facts.holderInFields ? [] : [{ label: "ผู้ได้รับอนุญาต / Licensee", value: facts.holderName }]),
    ...facts.fields.map((f) => ({ label: f.label.th, value: f.value })),
    { label: "วันที่ออก / Issued on", value: formatDate("th", facts.validFrom) },
    {
      label: "ใช้ได้ถึง / Valid until",
      value: facts.validUntil ? formatDate("th", facts.validUntil) : "จนกว่าจะถูกเพิกถอน / until revoked",
    },
  ]);
  if (facts.conditions.length > 0) {
    pdf.heading("เงื่อนไข / Conditions", 3);
    pdf.list(
      facts.conditions.map((c) => c.th),
      { numbered: true },
    );
  }
  pdf.figure(await licenceQrPng(facts.verifyUrl), {
    width: 96,
    caption: [
      { text: "รหัสตรวจสอบ / Code", size: 11 },
      { text: facts.verificationCode, bold: true, size: 13 },
    ],
    beside: [
      { text: `ให้ไว้ ณ วันที่ ${formatDate("th", facts.validFrom)}` },
      facts.paper
        ? { text: "ลงชื่อ ........................................" }
        : { text: "ลงลายมือชื่ออิเล็กทรอนิกส์ / Signed electronically", size: 11 },
      { text: `(${facts.signer.name})` },
      { text: facts.signer.position },
    ],
  });
  pdf.paragraph(checkOnlyAtText(facts.verifyUrl), { bold: true, size: 12, center: true });
  return pdf.toBuffer();
}
