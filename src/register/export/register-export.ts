/**
 * RG-3: the incoming register (ทะเบียนหนังสือรับ) as XLSX and as CSV.
 *
 * Rows hold text as the register shows it; the writers add what each format needs: typed text cells
 * in XLSX, a byte-order mark, RFC 4180 quoting and an apostrophe escape in CSV, and formula
 * neutralisation in both.
 */

export { neutraliseFormula, originalText } from "./export-columns.js";
export {
  type ExportLang,
  type ExportRow,
  type ExportRowOptions,
  type RegisterLine,
  type RegisterLineExtras,
  toExportRows,
} from "./export-rows.js";
export { writeRegisterCsv } from "./register-csv.js";
export { type RegisterExportOptions, writeRegisterXlsx } from "./register-xlsx.js";
