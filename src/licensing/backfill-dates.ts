import { THAI_MONTHS as MONTHS } from "../calendar/index.js";

const undotted = (s: string) => s.replace(/\./g, "");
// Excel's day 0 is 1899-12-30 (its serials count the 1900 leap day that never was).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A year as written: past 2400 it is Buddhist era (BE − 543); CE and BE both within plausible bounds. */
function ceYear(year: number): number | undefined {
  if (year >= 2443 && year <= 2743) return year - 543;
  if (year >= 1900 && year <= 2200) return year;
  return undefined;
}

function iso(year: number | undefined, month: number, day: number): string | undefined {
  if (year === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rolled over (31 April, 29 February of a common year): not a date.
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * PR-3: a date of a back-filled register as ISO `YYYY-MM-DD`, or undefined. Accepted, year in CE or BE
 * (a year past 2400 is BE): `YYYY-MM-DD`; `D/M/YYYY` and `D.M.YYYY` (day first, as Thai registers
 * write); a Thai month name or abbreviation with a 4-digit year or a 2-digit BE year ("5 มกราคม 2560",
 * "5 ม.ค. 60", "5 ม.ค. พ.ศ. 2560"); Thai digits; an Excel serial day number (20000–80000, 1954–2119).
 * Refused as ambiguous: a numeric date with a 2-digit year (`5/1/60`: which century, which era?).
 */
export function parseBackfillDate(raw: string): string | undefined {
  const text = raw.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return iso(ceYear(Number(m[1])), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (m) return iso(ceYear(Number(m[3])), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s*([\u0E00-\u0E7F.]+?)\s*(?:พ\.ศ\.\s*)?(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const name = undotted(m[2]!);
    const month = MONTHS.findIndex((names) => names.some((n) => undotted(n) === name)) + 1;
    // A 2-digit year with a Thai month is the BE year of this century of the Buddhist era (60 → 2560).
    const year = m[3]!.length === 2 ? ceYear(2500 + Number(m[3])) : ceYear(Number(m[3]));
    return month ? iso(year, month, Number(m[1])) : undefined;
  }
  if (/^\d{5}(\.0+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < 20_000 || serial > 80_000) return undefined;
    return new Date(EXCEL_EPOCH + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return undefined;
}
