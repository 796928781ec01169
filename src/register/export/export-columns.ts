import { type ExportMessageKey, exportText } from "./export-messages.js";
import type { ExportLang, ExportRow } from "./export-rows.js";

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
export const EXCEL_RETYPES = /^\s*(?=\D*\d)[\d\s.,:/%()-]+$|^\s*\d*\.?\d+e[+-]?\d+\s*$/i;

// ---------------------------------------------------------------------------------------------------
// Columns

/** `id`: always text (receipt number); `text`: free text; `time`: for people; `iso`: for machines. */
export type ColumnKind = "id" | "text" | "time" | "iso";

interface ColumnSpec {
  key: keyof ExportRow;
  header: ExportMessageKey;
  kind: ColumnKind;
  /** In characters of the default font; TH Sarabun New at 14 pt is about as wide as Calibri 11. */
  width: number;
}

/** The saraban form's columns first, then the platform's; the ISO columns last, outside the print area. */
export const PEOPLE_COLUMNS: readonly ColumnSpec[] = [
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

export const COLUMNS = [...PEOPLE_COLUMNS, ...ISO_COLUMNS];

export function headerText(lang: ExportLang, column: ColumnSpec): string {
  const name = exportText(lang, column.header);
  return column.kind === "iso" ? exportText(lang, "export.col.iso", { column: name }) : name;
}
