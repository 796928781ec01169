// Parses an administrator's holiday list (`borikan holidays import FILE`). Every problem is collected
// so the admin can fix the whole file in one pass instead of one error per run.
import { isValidDate } from "./zoned-time.js";

export type HolidayKind = "public" | "substitution" | "special" | "agency";
export interface HolidayInput {
  date: string;
  nameTh: string;
  nameEn: string;
  kind: HolidayKind;
  /** Where this one day comes from, when not from the year's source (a special day's announcement). */
  source?: string;
}
export interface HolidayYearInput {
  year: number; // CE
  status: "confirmed" | "provisional";
  source: string;
  holidays: HolidayInput[];
}

export class HolidayFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid holiday file:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "HolidayFileError";
  }
}

const KINDS: readonly string[] = ["public", "substitution", "special", "agency"];
const STATUSES: readonly string[] = ["confirmed", "provisional"];
const REQUIRED_COLUMNS = ["date", "name_th", "name_en", "kind"];
const OPTIONAL_COLUMNS = ["status", "source"];

export function parseHolidayFile(text: string, format: "csv" | "json"): HolidayYearInput[] {
  const problems: string[] = [];
  const years = format === "csv" ? parseCsvFile(text, problems) : parseJsonFile(text, problems);
  if (problems.length > 0) throw new HolidayFileError(problems);
  for (const y of years) y.holidays.sort((a, b) => a.date.localeCompare(b.date));
  return years.sort((a, b) => a.year - b.year);
}

/** Checks one holiday; `where` prefixes messages, `seen` maps dates to where they first appeared. */
function checkHoliday(h: HolidayInput, where: string, seen: Map<string, string>, problems: string[]): void {
  if (!isValidDate(h.date)) {
    problems.push(`${where}: date ${JSON.stringify(h.date)} is not a real YYYY-MM-DD date`);
  } else {
    const first = seen.get(h.date);
    if (first) problems.push(`${where}: date ${h.date} duplicates ${first}`);
    else seen.set(h.date, where);
  }
  if (!h.nameTh.trim()) problems.push(`${where}: Thai name is empty`);
  if (!KINDS.includes(h.kind)) {
    problems.push(`${where}: kind ${JSON.stringify(h.kind)} is not one of ${KINDS.join(", ")}`);
  }
}

/** `line` is the 1-based physical line on which the record starts, for error messages. */
type CsvRecord = { line: number; fields: string[] };

/** RFC 4180 records: quoted fields may contain commas, doubled quotes and line breaks. */
function readCsv(text: string, problems: string[]): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[i++];
      else if (c === '"') quoted = false;
      else field += c;
      if (c === "\n") line++;
    } else if (c === '"' && field.trim() === "") {
      [field, quoted] = ["", true];
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.length > 1 || field.trim() !== "") records.push({ line: start, fields });
      [fields, field, start] = [[], "", ++line];
    } else {
      field += c;
    }
  }
  if (quoted) problems.push(`line ${start}: unterminated quoted field`);
  if (field.trim() !== "" || fields.length > 0) records.push({ line: start, fields: [...fields, field] });
  return records;
}

function parseCsvFile(text: string, problems: string[]): HolidayYearInput[] {
  const [header, ...rows] = readCsv(text.replace(/^\uFEFF/, ""), problems);
  if (!header) {
    problems.push("file is empty; expected a header row date,name_th,name_en,kind");
    return [];
  }
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) problems.push(`line ${header.line}: missing column ${name}`);
  }
  for (const name of columns) {
    if (![...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].includes(name)) {
      problems.push(`line ${header.line}: unknown column ${JSON.stringify(name)}`);
    }
  }
  if (problems.length > 0) return [];
  if (rows.length === 0) problems.push("file contains no holidays");

  const seen = new Map<string, string>();
  const byYear = new Map<number, { statuses: string[]; sources: Set<string>; holidays: HolidayInput[] }>();
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      problems.push(`${where}: expected ${columns.length} fields, found ${row.fields.length}`);
      continue;
    }
    const get = (name: string) => (row.fields[columns.indexOf(name)] ?? "").trim();
    const h = { date: get("date"), nameTh: get("name_th"), nameEn: get("name_en"), kind: get("kind") };
    checkHoliday(h as HolidayInput, where, seen, problems);
    const status = get("status").toLowerCase();
    if (status && !STATUSES.includes(status)) {
      problems.push(`${where}: status ${JSON.stringify(status)} is not one of ${STATUSES.join(", ")}`);
    }
    const year = Number(h.date.slice(0, 4));
    const block = byYear.get(year) ?? { statuses: [], sources: new Set<string>(), holidays: [] };
    byYear.set(year, block);
    block.statuses.push(status);
    if (get("source")) block.sources.add(get("source"));
    block.holidays.push(h as HolidayInput);
  }
  return [...byYear].map(([year, b]) => ({
    year,
    // One unconfirmed row keeps the whole year provisional: confirmation is per announced year.
    status: b.statuses.every((s) => s === "confirmed") ? "confirmed" : "provisional",
    source: [...b.sources].join("; "),
    holidays: b.holidays,
  }));
}

function parseJsonFile(text: string, problems: string[]): HolidayYearInput[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    problems.push(`not valid JSON: ${(e as Error).message}`);
    return [];
  }
  const yearsValue = isObject(doc) ? doc.years : undefined;
  if (!Array.isArray(yearsValue)) {
    problems.push('expected an object with a "years" array');
    return [];
  }
  const seen = new Map<string, string>();
  const seenYears = new Map<number, string>();
  const out: HolidayYearInput[] = [];
  for (const [yi, y] of (yearsValue as unknown[]).entries()) {
    const at = `years[${yi}]`;
    if (!isObject(y)) {
      problems.push(`${at}: expected an object`);
      continue;
    }
    const { year, status, source, holidays } = y;
    if (typeof year !== "number" || !Number.isInteger(year)) {
      problems.push(`${at}.year: expected an integer CE year, got ${JSON.stringify(year)}`);
    } else if (seenYears.has(year)) {
      problems.push(`${at}.year: ${year} already appears at ${seenYears.get(year)}`);
    } else seenYears.set(year, at);
    if (typeof status !== "string" || !STATUSES.includes(status)) {
      problems.push(`${at}.status: expected one of ${STATUSES.join(", ")}, got ${JSON.stringify(status)}`);
    }
    if (typeof source !== "string") problems.push(`${at}.source: expected a string`);
    if (!Array.isArray(holidays)) {
      problems.push(`${at}.holidays: expected an array`);
      continue;
    }
    const list: HolidayInput[] = [];
    for (const [hi, h] of (holidays as unknown[]).entries()) {
      const where = `${at}.holidays[${hi}]`;
      if (!isObject(h)) {
        problems.push(`${where}: expected an object`);
        continue;
      }
      const str = (k: string) => (typeof h[k] === "string" ? (h[k] as string).trim() : "");
      // Missing date, nameTh and kind are reported by checkHoliday; nameEn may be empty but not absent.
      if (typeof h.nameEn !== "string") problems.push(`${where}.nameEn: expected a string`);
      const holiday = { date: str("date"), nameTh: str("nameTh"), nameEn: str("nameEn"), kind: str("kind") };
      if (h.source !== undefined && typeof h.source !== "string")
        problems.push(`${where}.source: expected a string`);
      if (str("source")) Object.assign(holiday, { source: str("source") });
      checkHoliday(holiday as HolidayInput, where, seen, problems);
      if (typeof year === "number" && isValidDate(holiday.date) && !holiday.date.startsWith(`${year}-`)) {
        problems.push(`${where}: date ${holiday.date} is not in year block ${year}`);
      }
      list.push(holiday as HolidayInput);
    }
    out.push({ year, status, source, holidays: list } as HolidayYearInput); // types checked above
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
