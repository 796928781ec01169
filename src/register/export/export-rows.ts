import { zonedFields } from "../../calendar/index.js";
import type { Entry } from "../entry.js";
import { exportText, isExportMessageKey } from "./export-messages.js";

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
