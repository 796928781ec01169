import { type Agency, contactPhone } from "../agencies/index.js";
import { createThaiPdf, type ThaiPdf } from "../platform/pdf/index.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import {
  enclosuresOf,
  SECRECY_TH,
  secrecyOf,
  thaiLetterDate,
  URGENCY_TH,
  urgencyOf,
} from "./letter-labels.js";

/** THAI-STANDARDS §8: official letters are set at 16 pt. */
const SIZE = 16;
const MIDDLE = 0.45;

/** Paragraphs split at blank lines, each line of one kept as its own line. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** ES-1: the marks of urgency and secrecy, at the top, only when they are not normal. */
function marks(pdf: ThaiPdf, letter: OutgoingLetterRow) {
  const secrecy = secrecyOf(letter);
  const urgency = urgencyOf(letter);
  if (secrecy !== "normal") pdf.paragraph(SECRECY_TH[secrecy], { bold: true, size: 20, center: true });
  if (urgency !== "normal") pdf.paragraph(URGENCY_TH[urgency], { bold: true, size: 20 });
}

function bodyAndSignature(pdf: ThaiPdf, letter: OutgoingLetterRow, closing: boolean) {
  for (const p of paragraphs(letter.body)) pdf.paragraph(p, { size: SIZE });
  pdf.space(0.5);
  if (closing && letter.closing) pdf.paragraph(letter.closing, { size: SIZE, indent: MIDDLE });
  // The space where the signer signs by hand (or where a signed copy's signature goes).
  pdf.space(2.5);
  pdf.paragraph(`(${letter.signer_name})`, { size: SIZE, indent: MIDDLE });
  if (letter.signer_position) pdf.paragraph(letter.signer_position, { size: SIZE, indent: MIDDLE });
}

/**
 * ES-1 (THAI-PROCESS-LAW §3.2, saraban regulation 2526 and its amendments): a letter drawn in the
 * regulation's layout and field order from its stored row, so the same row always gives the same text.
 * หนังสือภายนอก: marks, the Garuda's place, ที่ and the agency's address, date, เรื่อง, เรียน, อ้างถึง,
 * สิ่งที่ส่งมาด้วย, body, คำลงท้าย, signer, position, ส่วนราชการเจ้าของเรื่อง, โทร., email.
 * บันทึกข้อความ: heading, ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน, body, signer.
 */
export async function letterPdf(letter: OutgoingLetterRow, agency: Agency): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `${letter.number} ${letter.subject}`,
    lang: "th",
    author: letter.from_name,
    subject: letter.subject,
    createdAt: new Date(letter.created_at),
  });
  marks(pdf, letter);
  const phone = contactPhone(agency);
  if (letter.kind === "memo") {
    pdf.paragraph("บันทึกข้อความ", { bold: true, size: 29, center: true });
    pdf.paragraph(`ส่วนราชการ ${letter.owner_unit} ${letter.from_name}${phone ? ` โทร. ${phone}` : ""}`, {
      size: SIZE,
    });
    pdf.pair(`ที่ ${letter.number}`, `วันที่ ${thaiLetterDate(letter.letter_date)}`, { size: SIZE });
    pdf.paragraph(`เรื่อง ${letter.subject}`, { size: SIZE });
    pdf.paragraph(letter.salutation, { size: SIZE });
    bodyAndSignature(pdf, letter, false);
    return pdf.toBuffer();
  }
  // No Garuda image is shipped with Borikan (its use is the agency's own): its 3 cm stays blank, at the
  // top centre, for letterhead paper or the agency's printed emblem.
  pdf.space(2.2);
  const address = [letter.from_name, agency.postalAddress ?? ""].filter(Boolean).join("\n");
  pdf.pair(`ที่ ${letter.number}`, address, { size: SIZE, from: 0.55 });
  pdf.paragraph(thaiLetterDate(letter.letter_date), { size: SIZE, indent: MIDDLE });
  pdf.paragraph(`เรื่อง ${letter.subject}`, { size: SIZE });
  pdf.paragraph(letter.salutation, { size: SIZE });
  if (letter.reference) pdf.paragraph(`อ้างถึง ${letter.reference}`, { size: SIZE });
  const enclosures = enclosuresOf(letter);
  if (enclosures.length === 1) pdf.paragraph(`สิ่งที่ส่งมาด้วย ${enclosures[0]}`, { size: SIZE });
  enclosures.forEach((e, i) => {
    if (enclosures.length > 1)
      pdf.paragraph(i === 0 ? `สิ่งที่ส่งมาด้วย 1. ${e}` : `${i + 1}. ${e}`, {
        size: SIZE,
        indent: i === 0 ? 0 : 0.2,
      });
  });
  bodyAndSignature(pdf, letter, true);
  pdf.space(1);
  pdf.paragraph(letter.owner_unit, { size: SIZE });
  if (phone) pdf.paragraph(`โทร. ${phone}`, { size: SIZE });
  pdf.paragraph(`ไปรษณีย์อิเล็กทรอนิกส์ ${agency.centralEmail}`, { size: SIZE });
  return pdf.toBuffer();
}
