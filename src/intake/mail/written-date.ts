import { THAI_MONTHS } from "../../calendar/index.js";

/**
 * Reads a date and time as mail clients write them in a forwarded message's header block, in English or
 * Thai, Christian or Buddhist era: "Fri, Nov 20, 2026 at 10:15 AM", "วันศุกร์ที่ 20 พ.ย. 2026 เวลา 10:15",
 * "20 พฤศจิกายน 2569 10:15", "Fri, 20 Nov 2026 10:15:00 +0700", "20 November 2026 at 10:15:00 GMT+7".
 * No library reads the Thai forms, hence this one.
 */

const ENGLISH_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export interface WrittenDate {
  at: Date;
  /** True when the text named no zone and the agency's offset was assumed (CH-9: marked as claimed). */
  zoneAssumed: boolean;
}

function monthOf(text: string): { month: number; rest: string } | undefined {
  for (const [index, [full, short]] of THAI_MONTHS.entries()) {
    for (const name of [full, short, short.replace(/\./g, "")]) {
      const at = text.indexOf(name);
      if (at >= 0) return { month: index + 1, rest: `${text.slice(0, at)} ${text.slice(at + name.length)}` };
    }
  }
  const english = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/i.exec(text);
  if (english) {
    return {
      month: ENGLISH_MONTHS.indexOf(english[1]!.toLowerCase()) + 1,
      rest: `${text.slice(0, english.index)} ${text.slice(english.index + english[0].length)}`,
    };
  }
  return undefined;
}

/** The zone written in the text as minutes east of UTC, and the text without it. */
function zoneOf(text: string): { offsetMinutes: number; rest: string } | undefined {
  const patterns = [/\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?/i, /(?:^|\s)([+-])(\d{2})(\d{2})\b/];
  for (const pattern of patterns) {
    const found = pattern.exec(text);
    if (!found) continue;
    const sign = found[1] === "-" ? -1 : 1;
    const offsetMinutes = sign * (Number(found[2]) * 60 + Number(found[3] ?? 0));
    return { offsetMinutes, rest: text.replace(found[0], " ") };
  }
  const bare = /\b(GMT|UTC)\b/i.exec(text);
  return bare ? { offsetMinutes: 0, rest: text.replace(bare[0], " ") } : undefined;
}

/**
 * Returns undefined when no day, month, year and time can be found. A text without a zone is read at
 * `assumedOffsetMinutes` (the agency's zone, +420 for Bangkok) and flagged.
 */
export function parseWrittenDate(raw: string, assumedOffsetMinutes: number): WrittenDate | undefined {
  let text = raw.normalize("NFC").replace(/\s+/g, " ").trim();
  const time = /(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(AM|PM|a\.m\.|p\.m\.|น\.)?/i.exec(text);
  if (!time) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = Number(time[3] ?? 0);
  const meridiem = time[4]?.toLowerCase().replace(/\./g, "");
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  text = `${text.slice(0, time.index)} ${text.slice(time.index + time[0].length)}`;

  const zone = zoneOf(text);
  if (zone) text = zone.rest;

  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  const named = monthOf(text);
  if (named) {
    month = named.month;
    const numbers = [...named.rest.matchAll(/\d+/g)].map((m) => Number(m[0]));
    year = numbers.find((n) => n >= 1900);
    day = numbers.find((n) => n >= 1 && n <= 31);
  } else {
    // Numeric day/month/year, as Thai clients write it.
    const numeric = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text);
    if (numeric) [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  }
  if (day === undefined || month === undefined || year === undefined) return undefined;
  if (year >= 2400) year -= 543; // Buddhist era
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = zone?.offsetMinutes ?? assumedOffsetMinutes;
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000);
  if (Number.isNaN(at.getTime()) || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
    return undefined;
  return { at, zoneAssumed: zone === undefined };
}
