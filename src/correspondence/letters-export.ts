import ExcelJS from "exceljs";
import { neutraliseFormula } from "../register/index.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import {
  enclosuresOf,
  SECRECY_EN,
  SECRECY_TH,
  secrecyOf,
  thaiLetterDate,
  URGENCY_EN,
  URGENCY_TH,
  urgencyOf,
} from "./letter-labels.js";

type Lang = "th" | "en";

/** ES-1: the outgoing register's columns, as the saraban regulation's form names them. */
const COLUMNS: { th: string; en: string; width: number; value(l: OutgoingLetterRow, lang: Lang): string }[] =
  [
    { th: "ที่", en: "Number", width: 16, value: (l) => l.number },
    { th: "ลงวันที่", en: "Date", width: 18, value: (l) => thaiLetterDate(l.letter_date) },
    { th: "ลงวันที่ (ISO)", en: "Date (ISO)", width: 12, value: (l) => l.letter_date },
    { th: "จาก", en: "From", width: 28, value: (l) => l.from_name },
    { th: "ถึง", en: "To", width: 28, value: (l) => l.to_name },
    { th: "เรื่อง", en: "Subject", width: 40, value: (l) => l.subject },
    { th: "อ้างถึง", en: "Reference", width: 24, value: (l) => l.reference ?? "" },
    { th: "ตอบหนังสือรับเลขที่", en: "Replies to entry", width: 16, value: () => "" },
    { th: "สิ่งที่ส่งมาด้วย", en: "Enclosures", width: 28, value: (l) => enclosuresOf(l).join("; ") },
    {
      th: "ชั้นความเร็ว",
      en: "Urgency",
      width: 12,
      value: (l, lang) => (lang === "th" ? URGENCY_TH : URGENCY_EN)[urgencyOf(l)],
    },
    {
      th: "ชั้นความลับ",
      en: "Secrecy",
      width: 12,
      value: (l, lang) => (lang === "th" ? SECRECY_TH : SECRECY_EN)[secrecyOf(l)],
    },
    { th: "ส่วนราชการเจ้าของเรื่อง", en: "Owning unit", width: 24, value: (l) => l.owner_unit },
  ];
const REPLY_COLUMN = 7;

/** The register's rows as text cells, formulas neutralised (RG-3), the replied entry's receipt number filled. */
function cells(letters: readonly OutgoingLetterRow[], lang: Lang, replyNumbers: Map<string, string>) {
  return letters.map((letter) =>
    COLUMNS.map((column, i) =>
      neutraliseFormula(
        i === REPLY_COLUMN
          ? (letter.replies_to_entry_id && replyNumbers.get(letter.replies_to_entry_id)) || ""
          : column.value(letter, lang),
      ),
    ),
  );
}

/** Thai header, then the English one: the register reads in both languages. */
const header = (lang: Lang) =>
  COLUMNS.map((c) => (lang === "th" ? `${c.th} (${c.en})` : `${c.en} (${c.th})`));

const csvField = (text: string) => (/[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The outgoing register as CSV: UTF-8 with a byte-order mark (Excel reads Thai then), RFC 4180, CRLF. */
export function writeLettersCsv(
  letters: readonly OutgoingLetterRow[],
  lang: Lang,
  replyNumbers: Map<string, string>,
): Buffer {
  const records = [header(lang), ...cells(letters, lang, replyNumbers)];
  return Buffer.from(`\uFEFF${records.map((r) => `${r.map(csvField).join(",")}\r\n`).join("")}`, "utf8");
}

/** The outgoing register as one worksheet: title, header (frozen, filters), one row per letter, all text. */
export async function writeLettersXlsx(
  letters: readonly OutgoingLetterRow[],
  options: { lang: Lang; title: string; replyNumbers: Map<string, string> },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Borikan";
  const sheet = workbook.addWorksheet(options.lang === "th" ? "ทะเบียนหนังสือส่ง" : "Outgoing register", {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width, style: { numFmt: "@" } }));
  const font = { name: "TH Sarabun New", size: 14, charset: 222, family: 2 } as const;
  sheet.getCell(1, 1).value = neutraliseFormula(options.title);
  sheet.getCell(1, 1).font = { ...font, size: 18, bold: true };
  header(options.lang).forEach((text, i) => {
    const cell = sheet.getCell(2, i + 1);
    cell.value = text;
    cell.font = { ...font, bold: true };
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  cells(letters, options.lang, options.replyNumbers).forEach((row, r) => {
    row.forEach((text, i) => {
      const cell = sheet.getCell(3 + r, i + 1);
      cell.value = text;
      cell.font = font;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
