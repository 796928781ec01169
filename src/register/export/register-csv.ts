import { COLUMNS, type ColumnKind, EXCEL_RETYPES, headerText, neutraliseFormula } from "./export-columns.js";
import type { ExportRow } from "./export-rows.js";
import type { RegisterExportOptions } from "./register-xlsx.js";

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
