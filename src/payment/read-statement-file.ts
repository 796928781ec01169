import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { AppError } from "../platform/errors.js";

export type StatementFormat = "csv" | "xlsx";
export type StatementEncoding = "utf-8" | "windows-874";

/** A statement file as rows of cell text, with how it was read. */
export interface StatementTable {
  format: StatementFormat;
  encoding: StatementEncoding | "xlsx";
  rows: string[][];
}

const MAX_ROWS = 50_000;
const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** XLSX is a zip; anything else is read as CSV text. */
export const formatOf = (bytes: Uint8Array): StatementFormat =>
  XLSX_MAGIC.every((b, i) => bytes[i] === b) ? "xlsx" : "csv";

/**
 * PY-3: reads a bank statement (CSV in UTF-8 or Windows-874, or the first sheet of an XLSX) into rows.
 * Throws STATEMENT_UNREADABLE (not a statement file, too many rows) or STATEMENT_MIXED_ENCODING (the
 * line that is in neither UTF-8 nor Windows-874 alone).
 */
export async function readStatementFile(
  bytes: Uint8Array,
  encoding: "auto" | StatementEncoding = "auto",
): Promise<StatementTable> {
  if (bytes.length === 0) throw new AppError("STATEMENT_UNREADABLE", { detail: "empty" });
  if (formatOf(bytes) === "xlsx") return { format: "xlsx", encoding: "xlsx", rows: await readXlsx(bytes) };
  const decoded = decodeStatementText(bytes);
  // A mapping that names the encoding holds it to that: a file in the other one is the wrong file.
  if (encoding !== "auto" && decoded.encoding !== encoding)
    throw new AppError("STATEMENT_UNREADABLE", { detail: decoded.encoding });
  const { text } = decoded;
  const rows = parseCsv(text);
  if (rows.length > MAX_ROWS) throw new AppError("STATEMENT_UNREADABLE", { detail: "rows" });
  return { format: "csv", encoding: decoded.encoding, rows };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Thai banks' CSVs are often Windows-874 (TIS-620 and a few more). A UTF-8 BOM or valid UTF-8 is UTF-8;
 * else Windows-874, line by line: a line that is itself valid UTF-8 with Thai in it (or holds bytes
 * Windows-874 does not define) means two encodings were pasted together, and guessing would corrupt it.
 */
export function decodeStatementText(bytes: Uint8Array): { text: string; encoding: StatementEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decodeUtf8Lines(bytes.subarray(3)), encoding: "utf-8" };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new AppError("STATEMENT_UNREADABLE", { detail: "utf-16" });
  if (isUtf8(bytes)) return { text: Buffer.from(bytes).toString("utf8"), encoding: "utf-8" };
  const lines: string[] = [];
  let start = 0;
  for (let number = 1; start <= bytes.length; number++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const line = bytes.subarray(start, end);
    const hasHighBytes = line.some((b) => b >= 0x80);
    if (hasHighBytes && isUtf8(line) && /[\u0e00-\u0e7f]/.test(Buffer.from(line).toString("utf8")))
      throw new AppError("STATEMENT_MIXED_ENCODING", { line: number });
    const text = iconv.decode(Buffer.from(line), "windows-874");
    if (text.includes("\ufffd")) throw new AppError("STATEMENT_MIXED_ENCODING", { line: number });
    lines.push(text);
    start = end + 1;
  }
  return { text: lines.join("\n"), encoding: "windows-874" };
}

function decodeUtf8Lines(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // A BOM promised UTF-8: find the first line that is not.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        if (!isUtf8(bytes.subarray(start, i))) throw new AppError("STATEMENT_MIXED_ENCODING", { line });
        line++;
        start = i + 1;
      }
    }
    throw new AppError("STATEMENT_MIXED_ENCODING", { line });
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); the delimiter is the header's comma, semicolon or tab. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = [",", ";", "\t"]
    .map((d) => [d, firstLine.split(d).length] as const)
    .sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      if (rows.length > MAX_ROWS) break;
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError("STATEMENT_UNREADABLE", { detail: "xlsx" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("STATEMENT_UNREADABLE", { detail: "xlsx" });
  if (sheet.rowCount > MAX_ROWS) throw new AppError("STATEMENT_UNREADABLE", { detail: "rows" });
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

/** A cell as text; a date cell as `yyyy-mm-dd hh:mm:ss` (Excel keeps wall time, which ExcelJS gives as UTC). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ");
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}
