import { fromLocal, isValidDate } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";
import type { Satang } from "./money.js";
import type { StatementEncoding } from "./read-statement-file.js";

/** The columns a statement line is read from (0-based); `amount`, or `credit` and/or `debit`. */
export const MAPPED_COLUMNS = [
  "date",
  "time",
  "amount",
  "credit",
  "debit",
  "ref1",
  "ref2",
  "bankReference",
  "description",
  "payer",
] as const;
export type MappedColumn = (typeof MAPPED_COLUMNS)[number];

/** PY-3: how one account's statement reads, saved per account and reused by later imports. */
export interface StatementMapping {
  /** "auto": a UTF-8 BOM or valid UTF-8, else Windows-874. */
  encoding: "auto" | StatementEncoding;
  /** 1-based row of the column headings (0: none); lines start after it. */
  headerRow: number;
  columns: Partial<Record<MappedColumn, number>>;
  /** Order of day, month and year in the date column; a year past 2400 is Buddhist era. */
  dateOrder: "dmy" | "mdy" | "ymd";
  /** What two-digit (and four-digit) years count in when not obvious: BE or CE. */
  era: "be" | "ce";
}

/** One statement line as the mapping reads it. */
export interface ParsedLine {
  lineNumber: number;
  postedAt: Date;
  amountSatang: Satang;
  ref1: string | null;
  ref2: string | null;
  bankReference: string | null;
  description: string | null;
  payer: string | null;
}

/** Checks a mapping given by a form or an API client; throws STATEMENT_MAPPING_INVALID naming the field. */
export function checkMapping(mapping: StatementMapping): StatementMapping {
  const bad = (field: string) => new AppError("STATEMENT_MAPPING_INVALID", { field }, { field });
  if (!["auto", "utf-8", "windows-874"].includes(mapping.encoding)) throw bad("encoding");
  if (!Number.isInteger(mapping.headerRow) || mapping.headerRow < 0 || mapping.headerRow > 50)
    throw bad("headerRow");
  if (!["dmy", "mdy", "ymd"].includes(mapping.dateOrder)) throw bad("dateOrder");
  if (!["be", "ce"].includes(mapping.era)) throw bad("era");
  for (const [name, index] of Object.entries(mapping.columns)) {
    if (!(MAPPED_COLUMNS as readonly string[]).includes(name)) throw bad(name);
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > 200)) throw bad(name);
  }
  const { date, amount, credit, debit } = mapping.columns;
  if (date === undefined) throw bad("date");
  if (mapping.columns.ref1 === undefined) throw bad("ref1");
  if (amount === undefined && credit === undefined) throw bad("amount");
  if (amount !== undefined && (credit !== undefined || debit !== undefined)) throw bad("amount");
  return mapping;
}

/** Cell text to satang: `1,250.50`, `฿1,250.50`, `-100.00`, `(100.00)`; undefined when not money. */
export function parseAmount(text: string): Satang | undefined {
  let t = text.replace(/฿|THB|บาท|\s/g, "");
  // Accountants print money out in brackets.
  const bracketed = /^\(.*\)$/.test(t);
  if (bracketed) t = t.slice(1, -1);
  const negative = t.startsWith("-") !== bracketed;
  if (t.startsWith("-") || t.startsWith("+")) t = t.slice(1);
  const sign = negative ? -1 : 1;
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(t)) return undefined;
  const [baht, satang = ""] = t.replace(/,/g, "").split(".");
  if (baht!.length > 13) return undefined;
  return sign * (Number(baht) * 100 + Number(satang.padEnd(2, "0")));
}

/**
 * A date (and time) cell in the agency's time zone to an instant: `07/12/2569`, `07/12/69 14:05`,
 * `2026-12-07 14:05:09`; the time may come from its own column. Undefined when it is not a date.
 */
export function parsePostedAt(
  dateText: string,
  timeText: string | undefined,
  mapping: Pick<StatementMapping, "dateOrder" | "era">,
  timeZone: string,
): Date | undefined {
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
    dateText.trim(),
  );
  if (!m) return undefined;
  const iso = m[1]!.length === 4;
  const [y, mo, d] = iso
    ? [m[1]!, m[2]!, m[3]!]
    : mapping.dateOrder === "mdy"
      ? [m[3]!, m[1]!, m[2]!]
      : mapping.dateOrder === "dmy"
        ? [m[3]!, m[2]!, m[1]!]
        : [m[1]!, m[2]!, m[3]!];
  let year = Number(y);
  if (y.length === 2) year += mapping.era === "be" ? 2500 : 2000;
  else if (y.length !== 4) return undefined;
  // A four-digit year past 2400 can only be Buddhist era (BE = CE + 543).
  if (year > 2400) year -= 543;
  const date = `${year}-${mo!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
  if (!isValidDate(date)) return undefined;
  let [hh, mm, ss] = [m[4], m[5], m[6]];
  if (timeText?.trim()) {
    const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(timeText.trim());
    if (!t) return undefined;
    [hh, mm, ss] = [t[1], t[2], t[3]];
  }
  const hours = Number(hh ?? 0);
  const minutes = Number(mm ?? 0);
  const seconds = Number(ss ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return new Date(fromLocal(date, hours * 60 + minutes, timeZone).getTime() + seconds * 1000);
}

/** How many credit lines without a single Ref1 make a mapping wrong rather than a quiet day. */
const MIN_CREDITS_FOR_REF1 = 3;

export interface BadLine {
  lineNumber: number;
  field: "date" | "amount" | "columns";
}

/**
 * PY-3: the rows of a statement read by a mapping. A wrong mapping (dates that are not dates, amounts
 * that are not numbers, no Ref1 anywhere) throws STATEMENT_MAPPING_WRONG listing the first bad lines,
 * so nothing of it is imported. Rows with neither date nor amount (blank, subtotals' gaps) are passed over.
 */
export function parseStatementRows(
  rows: string[][],
  mapping: StatementMapping,
  timeZone: string,
): ParsedLine[] {
  const { columns } = mapping;
  const lines: ParsedLine[] = [];
  const bad: BadLine[] = [];
  const cell = (row: string[], column: MappedColumn) => {
    const index = columns[column];
    const text = index === undefined ? undefined : row[index]?.trim();
    return text ? text : undefined;
  };
  for (let i = mapping.headerRow; i < rows.length; i++) {
    const row = rows[i]!;
    const lineNumber = i + 1;
    const dateText = cell(row, "date");
    const amountCells = [cell(row, "amount"), cell(row, "credit"), cell(row, "debit")];
    if (!dateText && amountCells.every((c) => c === undefined)) continue;
    const postedAt = dateText && parsePostedAt(dateText, cell(row, "time"), mapping, timeZone);
    const amountSatang = lineAmount(amountCells);
    if (!postedAt) bad.push({ lineNumber, field: "date" });
    else if (amountSatang === undefined) bad.push({ lineNumber, field: "amount" });
    else
      lines.push({
        lineNumber,
        postedAt,
        amountSatang,
        ref1: cell(row, "ref1") ?? null,
        ref2: cell(row, "ref2") ?? null,
        bankReference: cell(row, "bankReference") ?? null,
        description: cell(row, "description") ?? null,
        payer: cell(row, "payer") ?? null,
      });
    if (bad.length >= 5) break;
  }
  if (bad.length > 0)
    throw new AppError(
      "STATEMENT_MAPPING_WRONG",
      { lines: bad.map((b) => `${b.lineNumber} (${b.field})`).join(", ") },
      { badLines: bad },
    );
  if (lines.length === 0) throw new AppError("STATEMENT_MAPPING_WRONG", { lines: "-" }, { badLines: [] });
  // A day may bring a transfer or two without Ref1; several credits and not one Ref1 is the wrong column.
  const credits = lines.filter((l) => l.amountSatang > 0);
  if (credits.length >= MIN_CREDITS_FOR_REF1 && !credits.some((l) => l.ref1 && /\d/.test(l.ref1)))
    throw new AppError("STATEMENT_MAPPING_WRONG", { lines: "Ref1" }, { badLines: [{ field: "ref1" }] });
  return lines;
}

/** One amount column, or credit (in) and debit (out): money in is positive. */
function lineAmount([amount, credit, debit]: (string | undefined)[]): Satang | undefined {
  if (amount !== undefined) return parseAmount(amount);
  const inSatang = credit === undefined ? 0 : parseAmount(credit);
  const outSatang = debit === undefined ? 0 : parseAmount(debit);
  if (inSatang === undefined || outSatang === undefined) return undefined;
  if (credit === undefined && debit === undefined) return undefined;
  return inSatang - Math.abs(outSatang);
}
