import ExcelJS from "exceljs";
import { zonedFields } from "../../calendar/index.js";
import type { Entry } from "../entry.js";
import { type ExportMessageKey, exportText, isExportMessageKey } from "./export-messages.js";

/**
 * RG-3: the incoming register (ทะเบียนหนังสือรับ) as XLSX and as CSV.
 *
 * Rows hold text as the register shows it; the writers add what each format needs: typed text cells
 * in XLSX, a byte-order mark, RFC 4180 quoting and an apostrophe escape in CSV, and formula
 * neutralisation in both.
 */

export type ExportLang = "th" | "en";

/** What an export line needs beyond `Entry`: the saraban form's action and remarks, which no table stores yet. */
export interface RegisterLineExtras {
  /** การปฏิบัติ */
  actionTaken?: string | null;
  /** หมายเหตุ */
  remarks?: string | null;
}

export type RegisterLine = Entry & RegisterLineExtras;

/**
 * One register line as text. Times come twice: for people in the agency's zone (`22/11/2569 18:00`,
 * Buddhist era in Thai, as the paper register and `formatDateTime` show them), and as ISO 8601 with
 * the zone's offset (`2026-11-22T18:00:00+07:00`) for machines. The people's form cannot be read back
 * safely (era, day/month order, no zone, and it does not sort); the ISO form is exact, sorts as text
 * and is still readable by a clerk. Empty string where there is nothing (e.g. not yet acknowledged).
 */
export interface ExportRow {
  receiptNumber: string;
  letterReference: string;
  letterDate: string;
  from: string;
  to: string;
  subject: string;
  actionTaken: string;
  remarks: string;
  receivedAt: string;
  workingStart: string;
  acknowledgeBy: string;
  acknowledgedAt: string;
  channel: string;
  unit: string;
  status: string;
  receivedAtIso: string;
  workingStartIso: string;
  acknowledgeByIso: string;
  acknowledgedAtIso: string;
}

export interface ExportRowOptions {
  lang: ExportLang;
  /** The agency's IANA zone (`Agency.timeZone`), whatever the server's zone. */
  timeZone: string;
  /** Unit id → its name in `lang` (from `listUnits`). An unknown id is printed as is. */
  unitNames?: ReadonlyMap<string, string>;
}

export interface RegisterExportOptions {
  lang: ExportLang;
  agencyName: string;
  /** Printed after the agency in the title row: the period, e.g. `วันที่ 22 พฤศจิกายน 2569`. */
  title: string;
  /** The audit trail's last event when the export was taken, printed so a printout can be checked. */
  auditHead?: { seq: number; hash: string };
}

/** The register lines in register order (year, then running number), rendered for `options.lang`. */
export function toExportRows(entries: readonly RegisterLine[], options: ExportRowOptions): ExportRow[] {
  const { lang, timeZone } = options;
  const sorted = [...entries].sort((a, b) => a.beYear - b.beYear || a.sequence - b.sequence);
  return sorted.map((entry) => ({
    receiptNumber: entry.receiptNumber,
    letterReference: entry.letterReference ?? "",
    letterDate: letterDateText(lang, entry.letterDate),
    from: entry.senderName,
    to: entry.addressee ?? "",
    subject: entry.subject,
    actionTaken: entry.actionTaken ?? "",
    remarks: entry.remarks ?? "",
    receivedAt: peopleTime(lang, entry.receivedAt, timeZone),
    workingStart: peopleTime(lang, entry.workingStart, timeZone),
    acknowledgeBy: peopleTime(lang, entry.acknowledgeBy, timeZone),
    acknowledgedAt: entry.acknowledgedAt ? peopleTime(lang, entry.acknowledgedAt, timeZone) : "",
    channel: label(lang, `export.channel.${entry.channel}`, entry.channel),
    unit: entry.unitId ? (options.unitNames?.get(entry.unitId) ?? entry.unitId) : "",
    status: label(lang, `export.status.${entry.status}`, entry.status),
    receivedAtIso: isoTime(entry.receivedAt, timeZone),
    workingStartIso: isoTime(entry.workingStart, timeZone),
    acknowledgeByIso: isoTime(entry.acknowledgeBy, timeZone),
    acknowledgedAtIso: entry.acknowledgedAt ? isoTime(entry.acknowledgedAt, timeZone) : "",
  }));
}

// ---------------------------------------------------------------------------------------------------
// Neutralising cell text

/**
 * Text a spreadsheet would run as a formula: OWASP's list (`=`, `+`, `-`, `@`, tab, CR, LF), also after
 * leading blanks or zero-width characters and in full-width form, which some spreadsheet programs
 * still read as the operator.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u200B-\u200D\u2060\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * Formula injection (OWASP "CSV Injection"): text that could start a formula gets a leading `'`, which
 * spreadsheets show as text and never evaluate. Text already starting with `'` gets one too, so the
 * escape can always be undone by removing exactly one leading `'` (`originalText`). Numbers are values,
 * not text, and are returned unchanged: `-5` stays the number -5.
 */
export function neutraliseFormula(value: string): string;
export function neutraliseFormula(value: number): number;
export function neutraliseFormula(value: string | number): string | number {
  if (typeof value === "number") return value;
  return value.startsWith("'") || FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes the export's `'` escape (formula neutralisation, CSV text marker) on a cell read back. */
export function originalText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * Text that Excel's "General" guessing turns into a number or date when it opens a CSV: digits with
 * date, time, decimal, fraction or percent punctuation (`1/2569`, `12/2569`, `0812345678`, `1.50`,
 * `(5)`, `2569-11-22`, `1e5`). Other guesses (month names, TRUE/FALSE) are not covered.
 */
const EXCEL_RETYPES = /^\s*(?=\D*\d)[\d\s.,:/%()-]+$|^\s*\d*\.?\d+e[+-]?\d+\s*$/i;

// ---------------------------------------------------------------------------------------------------
// Columns

/** `id`: always text (receipt number); `text`: free text; `time`: for people; `iso`: for machines. */
type ColumnKind = "id" | "text" | "time" | "iso";

interface ColumnSpec {
  key: keyof ExportRow;
  header: ExportMessageKey;
  kind: ColumnKind;
  /** In characters of the default font; TH Sarabun New at 14 pt is about as wide as Calibri 11. */
  width: number;
}

/** The saraban form's columns first, then the platform's; the ISO columns last, outside the print area. */
const PEOPLE_COLUMNS: readonly ColumnSpec[] = [
  { key: "receiptNumber", header: "export.col.receiptNumber", kind: "id", width: 12 },
  { key: "letterReference", header: "export.col.letterReference", kind: "text", width: 16 },
  { key: "letterDate", header: "export.col.letterDate", kind: "time", width: 12 },
  { key: "from", header: "export.col.from", kind: "text", width: 26 },
  { key: "to", header: "export.col.to", kind: "text", width: 22 },
  { key: "subject", header: "export.col.subject", kind: "text", width: 44 },
  { key: "actionTaken", header: "export.col.actionTaken", kind: "text", width: 22 },
  { key: "remarks", header: "export.col.remarks", kind: "text", width: 18 },
  { key: "receivedAt", header: "export.col.receivedAt", kind: "time", width: 16 },
  { key: "workingStart", header: "export.col.workingStart", kind: "time", width: 16 },
  { key: "acknowledgeBy", header: "export.col.acknowledgeBy", kind: "time", width: 16 },
  { key: "acknowledgedAt", header: "export.col.acknowledgedAt", kind: "time", width: 16 },
  { key: "channel", header: "export.col.channel", kind: "text", width: 14 },
  { key: "unit", header: "export.col.unit", kind: "text", width: 20 },
  { key: "status", header: "export.col.status", kind: "text", width: 12 },
];

const ISO_COLUMNS: readonly ColumnSpec[] = [
  { key: "receivedAtIso", header: "export.col.receivedAt", kind: "iso", width: 26 },
  { key: "workingStartIso", header: "export.col.workingStart", kind: "iso", width: 26 },
  { key: "acknowledgeByIso", header: "export.col.acknowledgeBy", kind: "iso", width: 26 },
  { key: "acknowledgedAtIso", header: "export.col.acknowledgedAt", kind: "iso", width: 26 },
];

const COLUMNS = [...PEOPLE_COLUMNS, ...ISO_COLUMNS];

function headerText(lang: ExportLang, column: ColumnSpec): string {
  const name = exportText(lang, column.header);
  return column.kind === "iso" ? exportText(lang, "export.col.iso", { column: name }) : name;
}

// ---------------------------------------------------------------------------------------------------
// XLSX

/**
 * The font of government documents (TH Sarabun New, successor of TH Sarabun PSK). Where it is not
 * installed, Excel and LibreOffice substitute; the Thai character set (222) and the sans-serif family
 * steer them to a Thai-capable font (Tahoma, Leelawadee UI) rather than boxes.
 */
const FONT = { name: "TH Sarabun New", size: 14, charset: 222, family: 2 } as const;
const TITLE_ROW = 1;
const HEADER_ROW = 2;

/**
 * The register as one worksheet: title row, header row (frozen, with filters), one row per entry, then
 * the count and, when given, the audit head, which is also in every printed page's footer. Every cell is
 * a text cell formatted `@`, so Excel neither turns `1/2569` into a date nor retypes a cell someone
 * edits. Prints landscape A4, one page wide, the title and header on every page, without the ISO columns.
 */
export async function writeRegisterXlsx(
  rows: readonly ExportRow[],
  options: RegisterExportOptions,
): Promise<Buffer> {
  const { lang } = options;
  const auditLine = options.auditHead && auditHeadText(lang, options.auditHead);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Borikan";
  const sheet = workbook.addWorksheet(exportText(lang, "export.sheet"), {
    views: [{ state: "frozen", xSplit: 1, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${TITLE_ROW}:${HEADER_ROW}`,
    },
    headerFooter: {
      oddFooter: pageFooter(lang, auditLine),
    },
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = neutraliseFormula(
    exportText(lang, "export.title", { agency: options.agencyName, title: options.title }).trim(),
  );
  title.getCell(1).font = { ...FONT, size: 18, bold: true };
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, PEOPLE_COLUMNS.length);

  const header = sheet.getRow(HEADER_ROW);
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = headerText(lang, column);
    cell.font = { ...FONT, bold: true };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    cell.border = { bottom: { style: "thin" }, top: { style: "thin" } };
  });
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW, column: COLUMNS.length },
  };

  rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(HEADER_ROW + 1 + rowIndex);
    COLUMNS.forEach((column, index) => {
      const cell = line.getCell(index + 1);
      const text = row[column.key];
      // A string cell is never evaluated, even one holding "=…"; the escape is for when the text leaves
      // the cell: copied into another sheet, saved again as CSV, or the cell's format changed.
      cell.value = text === "" ? null : neutraliseFormula(text);
      cell.numFmt = "@";
      cell.font = FONT;
      cell.alignment = { vertical: "top", wrapText: column.kind === "text" };
    });
  });

  const lastDataRow = HEADER_ROW + rows.length;
  const footerLines = [exportText(lang, "export.footer.count", { count: rows.length })];
  if (auditLine) footerLines.push(auditLine);
  footerLines.forEach((text, index) => {
    const cell = sheet.getRow(lastDataRow + 2 + index).getCell(1);
    cell.value = text;
    cell.numFmt = "@";
    cell.font = FONT;
  });
  const lastRow = lastDataRow + 1 + footerLines.length;
  // exceljs puts a `$` before each end; the row's own `$` makes the reference absolute, as Excel writes it.
  sheet.pageSetup.printArea = `A$${TITLE_ROW}:${columnLetter(PEOPLE_COLUMNS.length)}$${lastRow}`;

  // exceljs declares its own `Buffer` type; at run time this is Node's Buffer.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function auditHeadText(lang: ExportLang, head: { seq: number; hash: string }): string {
  if (!Number.isSafeInteger(head.seq) || !/^[0-9a-f]{64}$/i.test(head.hash)) {
    throw new Error(
      `audit head must be a sequence number and a sha256 hex digest, got #${head.seq} ${head.hash}`,
    );
  }
  return exportText(lang, "export.footer.auditHead", { seq: head.seq, hash: head.hash.toLowerCase() });
}

/** The printed page's footer: audit head left, page x of y right (Excel's &-codes; a literal & is &&). */
function pageFooter(lang: ExportLang, auditLine: string | undefined): string {
  const font = `&"${FONT.name},Regular"&10`;
  const page = exportText(lang, "export.footer.page", { page: "&P", pages: "&N" });
  const left = auditLine ? `&L${font}${auditLine.replaceAll("&", "&&")}` : "";
  return `${left}&R${font}${page}`;
}

function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------------
// CSV

const BOM = "\uFEFF";
const CRLF = "\r\n";

/**
 * The register as CSV for machines and for Excel: UTF-8 with a byte-order mark (without it Excel reads
 * Thai as the Windows code page), RFC 4180 (fields with `"` `,` CR LF or edge blanks quoted, `"`
 * doubled, CRLF after every record), the header row then one record per entry, every record the same
 * fields. The title, agency and audit head are not written: they would be records of another shape
 * above or below the table, which breaks every CSV reader that takes line 1 as the header. Send the
 * audit head alongside (file name, response header) or use the XLSX for a printable register.
 *
 * Receipt numbers, and text Excel would retype (`EXCEL_RETYPES`), start with `'`. Why that and not:
 * - `="1/2569"`: a formula, exactly what the export must never contain; other tools see `="1/2569"`.
 * - a leading tab: OWASP lists tab as a formula trigger (Symfony moved off it, CVE-2021-41270), and
 *   readers get `\t1/2569`, which looks right but fails every comparison.
 * - an invisible character (U+200B, U+2060): the same silent mismatch, and no way to see why.
 * The apostrophe is visible, is the very marker the formula escape uses, and so one rule undoes both
 * for machines: drop one leading `'` (`originalText`). Excel keeps the cell as text (it does not parse
 * `'1/2569` as a date) though it may show the apostrophe; an Excel user who minds uses the XLSX.
 */
export function writeRegisterCsv(
  rows: readonly ExportRow[],
  options: Pick<RegisterExportOptions, "lang">,
): Buffer {
  const records = [COLUMNS.map((column) => csvField(headerText(options.lang, column)))];
  for (const row of rows) {
    records.push(COLUMNS.map((column) => csvField(csvCellText(column.kind, row[column.key]))));
  }
  return Buffer.from(BOM + records.map((fields) => fields.join(",") + CRLF).join(""), "utf8");
}

function csvCellText(kind: ColumnKind, text: string): string {
  if (text === "") return text;
  const neutral = neutraliseFormula(text);
  if (neutral !== text) return neutral;
  if (kind === "id" || (kind === "text" && EXCEL_RETYPES.test(text))) return `'${text}`;
  return text;
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------------
// Dates and labels

function label(lang: ExportLang, key: string, fallback: string): string {
  return isExportMessageKey(key) ? exportText(lang, key) : fallback;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `22/11/2569 18:00` in Thai (Buddhist era), `22/11/2026 18:00` in English, in the agency's zone. */
function peopleTime(lang: ExportLang, instant: Date, timeZone: string): string {
  const t = zonedFields(instant, timeZone);
  const year = lang === "th" ? t.year + 543 : t.year;
  return `${pad(t.day)}/${pad(t.month)}/${year} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** `2026-11-22T18:00:00+07:00`: the instant, to the second, with the agency zone's offset. */
function isoTime(instant: Date, timeZone: string): string {
  const t = zonedFields(instant, timeZone);
  const sign = t.offsetMinutes < 0 ? "-" : "+";
  const offset = Math.abs(t.offsetMinutes);
  const date = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
  const time = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  return `${date}T${time}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

/**
 * The letter's own date: an ISO date becomes `20/11/2569` (Thai) or `20/11/2026` (English); a year
 * above 2400 is taken as already Buddhist era. Anything else was keyed by hand and is shown as is.
 */
function letterDateText(lang: ExportLang, value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return value;
  const written = Number(match[1]);
  const ce = written > 2400 ? written - 543 : written;
  return `${match[3]}/${match[2]}/${lang === "th" ? ce + 543 : ce}`;
}
