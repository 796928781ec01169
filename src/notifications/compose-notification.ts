import { type Agency, contactPhone } from "../agencies/index.js";
import { bahtText, formatBaht } from "../payment/index.js";
import { formatDate, formatDateTime } from "../platform/i18n/format.js";
import { type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import { MATTER_STATUS_INFO, type Matter, type MatterActionRecord } from "../register/index.js";
import type { NotificationEvent } from "./notification-events.js";

/** What a notification names besides the matter: who is responsible and how to reach them (IF-3). */
export interface NotificationFacts {
  agency: Agency;
  matter: Matter;
  action: MatterActionRecord;
  subject: string;
  language: Lang;
  /** The assigned officer's display name, if any. */
  officerName?: string;
  unit?: { nameTh: string; nameEn: string; phone: string | null };
  trackingUrl: string;
  letterNumber?: string;
  /** The agency's own wording per language, if it set one. */
  own: Partial<Record<Lang, string>>;
  /** #16 satisfaction (TR-3): the rating link of a closed matter. */
  ratingUrl?: string;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** The expected date in its kind of day, or "paused — waiting for you" while the clock stands still (LF-1). */
export function expectedText(lang: Lang, matter: Matter, timeZone: string): string {
  if (matter.pausedAt) return t(lang, "notify.expected.paused");
  if (!matter.dueAt) return t(lang, "notify.expected.none");
  const kind = t(lang, `clock.${matter.timeLimit?.dayKind ?? "business"}` as MessageKey);
  return t(lang, "notify.expected", { date: formatDateTime(lang, matter.dueAt, timeZone), kind });
}

/** The placeholders' values in one language. */
export function placeholderValues(lang: Lang, f: NotificationFacts): Record<string, string> {
  const status = f.action.to;
  const unitName = f.unit ? (lang === "th" ? f.unit.nameTh : f.unit.nameEn) : undefined;
  const agencyName = lang === "th" ? f.agency.nameTh : f.agency.nameEn;
  const deadline = typeof f.action.payload.deadline === "string" ? new Date(f.action.payload.deadline) : null;
  // LF-5: the reason for delay an officer recorded, as the notice carries it.
  const given = f.action.payload.reason ?? f.action.payload.text;
  const reason = typeof given === "string" ? given : "";
  return {
    receiptNumber: f.matter.receiptNumber,
    subject: f.subject,
    agency: agencyName,
    status: t(lang, `status.${status}` as MessageKey),
    explanation: t(lang, `status.${status}.explain` as MessageKey),
    expectedDate: expectedText(lang, f.matter, f.agency.timeZone),
    nextStep: t(lang, `notify.next.${MATTER_STATUS_INFO[status].awaited}` as MessageKey),
    // IF-3: the officer who has the matter, else its unit, else the agency; a contact always.
    officer: f.officerName ?? unitName ?? agencyName,
    unit: unitName ?? agencyName,
    phone: f.unit?.phone || contactPhone(f.agency),
    trackingUrl: f.trackingUrl,
    letterNumber: f.letterNumber ?? "",
    deadline:
      deadline && !Number.isNaN(deadline.getTime()) ? formatDateTime(lang, deadline, f.agency.timeZone) : "",
    reason,
    // #13 ID-3: an identity call's time and link, and its result
    ...callValues(lang, f),
    // #14 notice (PY-1)
    ...paymentValues(f),
    // #15 requests (TR-2)
    ...licenceValues(lang, f),
    // #16 satisfaction (TR-3)
    ratingUrl: f.ratingUrl ?? "",
  };
}

/** #15 requests (TR-2): the issued licence's number, validity (BE dates) and verification link. */
function licenceValues(lang: Lang, f: NotificationFacts): Record<string, string> {
  const p = f.action.payload;
  const day = (v: unknown) =>
    typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(lang, v) : "";
  return {
    licenceNumber: typeof p.number === "string" ? p.number : "",
    validFrom: day(p.validFrom),
    // No end date: valid until revoked.
    validUntil: p.validUntil === null ? t(lang, "notify.licence.noExpiry") : day(p.validUntil),
    verifyUrl: typeof p.verifyUrl === "string" && /^https?:\/\//.test(p.verifyUrl) ? p.verifyUrl : "",
  };
}

/** #14 notice (PY-1): the notice's amount in figures and words, its Ref1 and the applicant's payment page. */
function paymentValues(f: NotificationFacts): Record<string, string> {
  const p = f.action.payload;
  const satang =
    typeof p.amountSatang === "number" && Number.isSafeInteger(p.amountSatang) ? p.amountSatang : null;
  return {
    amount: satang === null ? "" : formatBaht(satang),
    amountWords: satang === null || satang < 0 ? "" : bahtText(satang),
    ref1: typeof p.ref1 === "string" ? p.ref1 : "",
    paymentUrl: f.trackingUrl.replace("?", "/payment?"),
  };
}

/** #13 ID-3: what a booked or decided identity call tells the applicant (the payload's facts). */
function callValues(lang: Lang, f: NotificationFacts): Record<string, string> {
  const p = f.action.payload;
  const startsAt = typeof p.startsAt === "string" ? new Date(p.startsAt) : null;
  const result = p.outcome === "proven" || p.outcome === "refused" || p.outcome === "missed" ? p.outcome : "";
  return {
    callTime:
      startsAt && !Number.isNaN(startsAt.getTime()) ? formatDateTime(lang, startsAt, f.agency.timeZone) : "",
    // PD-7: the applicant's call page, which asks consent to the still before it shows the tool's link.
    callLink: typeof p.appointmentId === "string" ? f.trackingUrl.replace("?", "/identity/call?") : "",
    callResult: result ? t(lang, `video.result.${result}` as MessageKey) : "",
  };
}

/**
 * The notification of an event in both languages, the applicant's first (TR-2): the agency's own
 * template where it set one, else the catalogue's.
 */
export function composeNotification(
  event: NotificationEvent,
  f: NotificationFacts,
): { subject: string; text: string } {
  const order: Lang[] = f.language === "en" ? ["en", "th"] : ["th", "en"];
  const part = (lang: Lang) => {
    const values = placeholderValues(lang, f);
    const own = f.own[lang];
    return own ? fill(own, values) : t(lang, `notify.template.${event}` as MessageKey, values);
  };
  const subjects = order.map((lang) => t(lang, "notify.subject", placeholderValues(lang, f)));
  return { subject: subjects.join(" / "), text: order.map(part).join("\n\n----------\n\n") };
}
