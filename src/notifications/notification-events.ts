import type { MatterAction, MatterActionRecord } from "../register/index.js";

/** What the applicant is told about; each event has its template in Thai and English (TR-2). */
export const NOTIFICATION_EVENTS = [
  "status-changed",
  "more-info-requested",
  "approved",
  "rejected",
  "withdrawn",
  "delay-notice",
  "letter-sent",
  // #13 video-juristic (ID-3)
  "identity-call-booked",
  "identity-call-result",
  // #13 proofing
  "identity-required",
  "identity-proof-refused",
  // #14 notice (PY-1, TR-2): a notice to pay, its reminder, the money received
  "payment-requested",
  "payment-reminder",
  "payment-received",
  // #15 requests (TR-2): the licence issued (number, validity, where to verify), then delivered
  "licence-issued",
  "licence-delivered",
  // #16 satisfaction (TR-3): the matter closed, with the rating link (on LINE, quick replies 1..5 too)
  "matter-closed",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const isNotificationEvent = (value: string): value is NotificationEvent =>
  (NOTIFICATION_EVENTS as readonly string[]).includes(value);

/**
 * Actions with a template of their own (RV-5, AP-2: the result; LF-3: what is missing and by when;
 * LF-5: the reason for delay). Any other public action that changes the status is `status-changed`.
 */
const OWN_EVENTS: Partial<Record<MatterAction, NotificationEvent>> = {
  "request-more-info": "more-info-requested",
  approve: "approved",
  refuse: "rejected",
  withdraw: "withdrawn",
  "notify-delay": "delay-notice",
  // #13 ID-3: the call's link and time; then its result
  "book-identity-call": "identity-call-booked",
  "record-identity-call": "identity-call-result",
  // #13 proofing: what to do to prove identity, and why the evidence sent was not accepted (ID-1, ID-6)
  "require-identity": "identity-required",
  "refuse-identity-proof": "identity-proof-refused",
  // #14 notice (PY-1): how much, by when, with which Ref1, and the payment page's link
  "request-payment": "payment-requested",
  "add-payment-notice": "payment-requested",
  "remind-payment": "payment-reminder",
  "record-payment": "payment-received",
  "record-part-payment": "payment-received",
  // #15 requests (TR-2)
  "issue-licence": "licence-issued",
  deliver: "licence-delivered",
  // #16 satisfaction (TR-3)
  close: "matter-closed",
};

/**
 * The event a timeline action tells the applicant, or undefined when it tells them nothing new: an
 * officers-only fact, a public fact that keeps the status (an acknowledgement of the deficiency record),
 * or a letter not addressed to the applicant (`record-letter` carries `toApplicant: true` when it is).
 */
export function eventOf(action: MatterActionRecord): NotificationEvent | undefined {
  if (action.action === "record-letter")
    return action.payload.toApplicant === true && typeof action.payload.letterId === "string"
      ? "letter-sent"
      : undefined;
  if (action.visibility !== "public") return undefined;
  const own = OWN_EVENTS[action.action as MatterAction];
  if (own) return own;
  return action.from !== action.to ? "status-changed" : undefined;
}

/** Placeholders a notification template may use. */
export const NOTIFICATION_PLACEHOLDERS = [
  "receiptNumber",
  "subject",
  "agency",
  "status",
  "explanation",
  "expectedDate",
  "nextStep",
  "officer",
  "unit",
  "phone",
  "trackingUrl",
  "letterNumber",
  "deadline",
  "reason",
  // #13 ID-3: an identity call's time, link and result
  "callTime",
  "callLink",
  "callResult",
  // #14 notice (PY-1): a payment notice's amount (figures, words), Ref1 and the payment page
  "amount",
  "amountWords",
  "ref1",
  "paymentUrl",
  // #15 requests (TR-2): the licence's number, validity and verification page
  "licenceNumber",
  "validFrom",
  "validUntil",
  "verifyUrl",
  // #16 satisfaction (TR-3): the closed matter's rating link
  "ratingUrl",
] as const;

/** IF-3: every message names the responsible officer and a contact; the receipt number says which matter. */
export const REQUIRED_PLACEHOLDERS = ["receiptNumber", "officer", "phone"] as const;
