import { AppError } from "../platform/errors.js";
import { NOTICE_KINDS, type NoticeKind, type NoticeStatus } from "./service-notices.table.js";

const HOUR = 3_600_000;
/** WS-4: a planned downtime is announced at least 24 hours before it starts … */
export const MIN_NOTICE_MS = 24 * HOUR;
/** … and shown from at most 48 hours before it (a notice posted earlier waits). */
export const SHOW_AHEAD_MS = 48 * HOUR;
const MAX_SPAN_MS = 31 * 24 * HOUR;
const MAX_TEXT = 500;
/** Thai time has no daylight saving: entered times are read at +07:00 whatever the server's zone. */
const BANGKOK_OFFSET_MS = 7 * HOUR;

/** The status → allowed actions table of a notice (edit and withdraw only while active). */
export const NOTICE_ACTIONS: Record<NoticeStatus, readonly ("edit" | "withdraw")[]> = {
  active: ["edit", "withdraw"],
  withdrawn: [],
};

/** What the admin's form sends; times as `YYYY-MM-DDTHH:mm` in Thai time (a BE year is accepted). */
export interface NoticeInput {
  kind: string;
  textTh: string;
  textEn: string;
  startsAt?: string;
  endsAt?: string;
  emergency: boolean;
  emergencyReason?: string;
}

/** A checked notice, ready to store. */
export interface NoticeFacts {
  kind: NoticeKind;
  textTh: string;
  textEn: string;
  startsAt: Date;
  endsAt: Date | null;
  shownFrom: Date;
  emergencyReason: string | null;
}

const invalid = (field: string) => new AppError("STATUS_NOTICE_INVALID", { field }, { field });

/** A Thai-time `YYYY-MM-DDTHH:mm` as an instant; throws STATUS_NOTICE_INVALID naming the field. */
export function parseThaiTime(text: string, field: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) throw invalid(field);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ce = year > 2400 ? year - 543 : year;
  const utc = Date.UTC(ce, month - 1, day, hour, minute) - BANGKOK_OFFSET_MS;
  const back = new Date(utc + BANGKOK_OFFSET_MS);
  if (ce < 2000 || ce > 2200 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23)
    throw invalid(field);
  return new Date(utc);
}

/** An instant as the form's `YYYY-MM-DDTHH:mm` in Thai time. */
export const thaiTimeInput = (instant: Date | string): string =>
  new Date(new Date(instant).getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 16);

function checkText(raw: string, field: string): string {
  const text = raw.normalize("NFC").trim();
  if (!text || text.length > MAX_TEXT || /[<>]/.test(text)) throw invalid(field);
  return text;
}

/**
 * Checks a notice at `now` (WS-4). A downtime needs a start and an end; one starting less than 24 hours
 * ahead is refused (STATUS_NOTICE_TOO_SOON) unless marked an emergency with a reason. `shownFrom` is
 * the later of now and 48 hours before the start; an edit keeps a banner already showing.
 * @throws STATUS_NOTICE_INVALID, STATUS_NOTICE_TOO_SOON
 */
export function checkNotice(
  input: NoticeInput,
  now: Date,
  previous?: { kind: NoticeKind; startsAt: Date; shownFrom: Date; emergencyReason: string | null },
): NoticeFacts {
  const kind = NOTICE_KINDS.find((k) => k === input.kind);
  if (!kind) throw invalid("kind");
  const textTh = checkText(input.textTh, "textTh");
  const textEn = checkText(input.textEn, "textEn");
  const reason = input.emergencyReason?.normalize("NFC").trim() ?? "";
  if (reason.length > MAX_TEXT) throw invalid("emergencyReason");
  const endsAt = input.endsAt?.trim() ? parseThaiTime(input.endsAt, "endsAt") : null;
  if (kind !== "downtime") {
    if (endsAt && (endsAt <= now || endsAt.getTime() - now.getTime() > MAX_SPAN_MS)) throw invalid("endsAt");
    const startsAt = previous && previous.kind !== "downtime" ? previous.startsAt : now;
    const shownFrom = previous && previous.shownFrom <= now ? previous.shownFrom : now;
    return { kind, textTh, textEn, startsAt, endsAt, shownFrom, emergencyReason: null };
  }
  if (!input.startsAt?.trim()) throw invalid("startsAt");
  const startsAt = parseThaiTime(input.startsAt, "startsAt");
  if (!endsAt) throw invalid("endsAt");
  if (endsAt <= startsAt || endsAt <= now || endsAt.getTime() - startsAt.getTime() > MAX_SPAN_MS)
    throw invalid("endsAt");
  if (startsAt.getTime() - now.getTime() > 366 * 24 * HOUR) throw invalid("startsAt");
  // An edit that keeps the start keeps its announcement; a new or moved-earlier start is announced anew.
  const announced = previous?.kind === "downtime" && startsAt.getTime() >= previous.startsAt.getTime();
  const tooSoon = startsAt.getTime() - now.getTime() < MIN_NOTICE_MS;
  if (tooSoon && !announced && !input.emergency)
    throw new AppError("STATUS_NOTICE_TOO_SOON", {
      until: new Date(now.getTime() + MIN_NOTICE_MS).toISOString(),
    });
  const emergency = tooSoon && !announced;
  if (emergency && !reason) throw invalid("emergencyReason");
  const ahead = new Date(Math.max(now.getTime(), startsAt.getTime() - SHOW_AHEAD_MS));
  const shownFrom = previous && previous.shownFrom <= now ? previous.shownFrom : ahead;
  const emergencyReason = emergency ? reason : announced ? (previous?.emergencyReason ?? null) : null;
  return { kind, textTh, textEn, startsAt, endsAt, shownFrom, emergencyReason };
}
