import ExcelJS from "exceljs";
import { AppError } from "../platform/errors.js";
import { parseBackfillCsv } from "./backfill-csv.js";
import { type BackfillEncoding, decodeBackfillText } from "./backfill-decode.js";

/** The most rows one back-fill file may carry: a register of decades. */
export const MAX_BACKFILL_ROWS = 20_000;
export const MAX_BACKFILL_COLUMNS = 60;

/** A sheet as read: its header row, its rows numbered as the user sees them in Excel or an editor. */
export interface BackfillSheet {
  format: "xlsx" | "csv";
  /** CSV: the encoding found; XLSX: always Unicode. */
  encoding: BackfillEncoding | "xlsx";
  sheetNames: string[];
  sheet: string;
  header: string[];
  rows: { line: number; cells: string[] }[];
}

const unreadable = (detail: string) => new AppError("BACKFILL_FILE_UNREADABLE", { detail });

/**
 * PR-3: an uploaded register as rows of text. XLSX (by its ZIP signature, not its name): the first sheet
 * or the one named; a date cell becomes `YYYY-MM-DD`, a formula its result. Anything else: a CSV whose
 * encoding is detected (decodeBackfillText). The first non-empty row is the header.
 * Throws BACKFILL_FILE_UNREADABLE {detail}: not a spreadsheet, no such sheet, too many rows or columns.
 */
export async function readBackfillSheet(bytes: Uint8Array, sheetName = ""): Promise<BackfillSheet> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  let read: Omit<BackfillSheet, "header" | "rows"> & { all: { line: number; cells: string[] }[] };
  if (zip) read = await readXlsx(bytes, sheetName);
  else {
    const decoded = decodeBackfillText(bytes);
    if (!decoded) throw unreadable("encoding");
    const all = parseBackfillCsv(decoded.text, MAX_BACKFILL_ROWS + 1);
    read = { format: "csv", encoding: decoded.encoding, sheetNames: [], sheet: "", all };
  }
  const [header, ...rows] = read.all;
  if (!header) throw unreadable("empty");
  if (rows.length > MAX_BACKFILL_ROWS) throw unreadable(`rows > ${MAX_BACKFILL_ROWS}`);
  if (header.cells.length > MAX_BACKFILL_COLUMNS) throw unreadable(`columns > ${MAX_BACKFILL_COLUMNS}`);
  const { all: _, ...rest } = read;
  return { ...rest, header: header.cells.map((c) => c.trim()), rows };
}

async function readXlsx(bytes: Uint8Array, sheetName: string) {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw unreadable("xlsx");
  }
  const sheetNames = book.worksheets.map((w) => w.name);
  const sheet = sheetName ? book.getWorksheet(sheetName) : book.worksheets[0];
  if (!sheet) throw unreadable("sheet");
  if (sheet.rowCount > MAX_BACKFILL_ROWS + 50) throw unreadable(`rows > ${MAX_BACKFILL_ROWS}`);
  const all: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    const count = Math.min(row.cellCount, MAX_BACKFILL_COLUMNS + 1);
    for (let i = 1; i <= count; i++) cells.push(cellText(row.getCell(i).value));
    if (cells.some((c) => c.trim() !== "")) all.push({ line: row.number, cells });
  });
  return { format: "xlsx" as const, encoding: "xlsx" as const, sheetNames, sheet: sheet.name, all };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return ""; // an error cell (#N/A) or a shared formula without a result
  }
  return String(value);
}
