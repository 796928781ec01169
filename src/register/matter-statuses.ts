import type { Role } from "../staff/index.js";
import type { StatusTable, SYSTEM_ROLE } from "../workflow/index.js";

/** Who a matter's tables name: staff roles, `system` (workers, payment, identity), and the applicant. */
export type MatterActorRole = Role | typeof SYSTEM_ROLE | "applicant";

/** A general request (a question, a complaint) takes the short path; an application the full one. */
export type MatterKind = "general" | "application";

/**
 * Every status a matter can have. Today's names keep their meanings (received, in_review,
 * more_info_requested, approved, rejected, closed, cancelled); the rest are added beside them.
 */
export type MatterStatus =
  | "received"
  | "in_progress"
  | "answered"
  | "in_review"
  | "more_info_requested"
  | "resubmitted"
  | "identity_check_required"
  | "awaiting_approval"
  | "approved"
  | "rejected"
  | "awaiting_payment"
  | "paid"
  | "issuing"
  | "delivered"
  | "closed"
  | "withdrawn"
  | "misdirected"
  | "abandoned"
  | "returned"
  | "cancelled";

export type MatterAction =
  // general requests
  | "start-work"
  | "answer"
  | "reopen"
  // applications: checking (RV-1..4), more information (RV-2, LF-2..4), identity (hook)
  | "start-review"
  | "request-more-info"
  | "resubmit"
  | "resume-review"
  | "return"
  | "require-identity"
  | "confirm-identity"
  // #13 proofing: an officer refused the evidence of identity sent (the applicant is told, ID-6)
  | "refuse-identity-proof"
  // approval (AP-1)
  | "submit-for-approval"
  | "approve-level"
  | "approve"
  | "refuse"
  | "send-back"
  // payment (hook), issuing, delivery
  | "request-payment"
  | "record-payment"
  | "start-issuing"
  | "deliver"
  // endings
  | "close"
  | "withdraw"
  | "misdirect"
  | "cancel"
  | "approve-abandon"
  // facts recorded without a change of status
  | "claim"
  | "assign"
  | "route"
  | "comment"
  | "record-check"
  | "acknowledge-deficiency"
  | "record-contact-attempt"
  | "propose-abandon"
  | "escalate"
  | "record-delay-reason"
  | "notify-delay"
  | "record-letter"
  // #13 video-juristic: an identity call booked, its outcome told (ID-3); the status stays
  | "book-identity-call"
  | "record-identity-call"
  // #14 payment: a notice paid while another is still open, a reminder, a further notice (PY-1)
  | "record-part-payment"
  | "remind-payment"
  | "add-payment-notice"
  // #15 licensing: the licence issued (its number on the timeline), signed on paper and scanned (RG-6)
  | "issue-licence"
  | "record-licence-scan";

const SARABAN = ["saraban_officer", "supervisor", "head_of_agency", "admin"] as const;
const REVIEW = ["reviewer", "supervisor", "head_of_agency", "admin"] as const;
/** The approval chain (approval/) says which of these may decide at which level. */
const DECIDE = ["approver", "supervisor", "head_of_agency", "admin"] as const;
const CASEWORK = [
  "saraban_officer",
  "reviewer",
  "approver",
  "supervisor",
  "head_of_agency",
  "admin",
] as const;
const ANY_STAFF = [...CASEWORK, "finance_officer"] as const;
const LEADS = ["saraban_officer", "supervisor", "head_of_agency", "admin"] as const;

/** Facts recorded on any open matter; the status stays. */
function recorded<S extends MatterStatus>(status: S) {
  return {
    claim: { next: status, by: CASEWORK },
    assign: { next: status, by: LEADS },
    route: { next: status, by: [...SARABAN, "reviewer", "system"] },
    comment: { next: status, by: ANY_STAFF },
    "record-letter": { next: status, by: [...CASEWORK, "system"] },
    escalate: { next: status, by: ["system", "supervisor", "head_of_agency", "admin"] },
  } as const;
}

/** Facts of an application awaited by the agency or the applicant (RV-3, LF-5). */
function waiting<S extends MatterStatus>(status: S) {
  return {
    ...recorded(status),
    "record-contact-attempt": { next: status, by: CASEWORK },
    "propose-abandon": { next: status, by: ["system", ...REVIEW] },
    // RV-3: only the head of agency closes a matter whose applicant cannot be reached.
    "approve-abandon": { next: "abandoned", by: ["head_of_agency"] },
    // LF-5: an officer states why the decision is late; the 7-day notices carry it.
    "record-delay-reason": { next: status, by: CASEWORK },
    "notify-delay": { next: status, by: ["system"] },
    withdraw: { next: "withdrawn", by: ["applicant", ...SARABAN] },
  } as const;
}

/** An ended matter takes officers' comments only. */
const ended = <S extends MatterStatus>(status: S) => ({ comment: { next: status, by: ANY_STAFF } }) as const;

/** A general request: received → in progress → answered → closed. */
export const GENERAL_STATUSES = {
  received: {
    ...recorded("received"),
    "start-work": { next: "in_progress", by: CASEWORK },
    answer: { next: "answered", by: CASEWORK },
    misdirect: { next: "misdirected", by: SARABAN },
    withdraw: { next: "withdrawn", by: ["applicant", ...SARABAN] },
    cancel: { next: "cancelled", by: SARABAN },
  },
  in_progress: {
    ...recorded("in_progress"),
    answer: { next: "answered", by: CASEWORK },
    withdraw: { next: "withdrawn", by: ["applicant", ...SARABAN] },
  },
  answered: {
    ...recorded("answered"),
    reopen: { next: "in_progress", by: CASEWORK },
    close: { next: "closed", by: [...CASEWORK, "system"] },
  },
  closed: ended("closed"),
  withdrawn: ended("withdrawn"),
  misdirected: ended("misdirected"),
  cancelled: ended("cancelled"),
} as const satisfies StatusTable<
  "received" | "in_progress" | "answered" | "closed" | "withdrawn" | "misdirected" | "cancelled",
  MatterAction,
  MatterActorRole
>;

/**
 * An application (processes 4 to 8): received → in review → more information requested ⇄ resubmitted →
 * awaiting approval → approved / rejected → awaiting payment → paid → issuing → delivered → closed.
 * `identity_check_required` and `awaiting_payment` are the hooks the identity and payment issues fill.
 */
export const APPLICATION_STATUSES = {
  received: {
    ...waiting("received"),
    "start-review": { next: "in_review", by: REVIEW },
    misdirect: { next: "misdirected", by: SARABAN },
    cancel: { next: "cancelled", by: SARABAN },
  },
  in_review: {
    ...waiting("in_review"),
    "record-check": { next: "in_review", by: REVIEW },
    // RV-2, LF-2, LF-3: one deficiency record (review/ refuses a second without a supervisor's override).
    "request-more-info": { next: "more_info_requested", by: REVIEW },
    "require-identity": { next: "identity_check_required", by: ["system", ...REVIEW] },
    // #13 ID-3: public facts, so the applicant is told the call's link and time, then its result.
    "book-identity-call": { next: "in_review", by: REVIEW },
    "record-identity-call": { next: "in_review", by: REVIEW },
    "refuse-identity-proof": { next: "in_review", by: REVIEW },
    "submit-for-approval": { next: "awaiting_approval", by: REVIEW },
  },
  more_info_requested: {
    ...waiting("more_info_requested"),
    "acknowledge-deficiency": { next: "more_info_requested", by: ["applicant", ...REVIEW] },
    resubmit: { next: "resubmitted", by: ["applicant", "system", ...REVIEW] },
    // LF-4: not completed by the deadline: returned with reasons.
    return: { next: "returned", by: ["system", ...REVIEW] },
  },
  resubmitted: {
    ...waiting("resubmitted"),
    "resume-review": { next: "in_review", by: REVIEW },
  },
  identity_check_required: {
    ...waiting("identity_check_required"),
    "confirm-identity": { next: "in_review", by: ["system", ...REVIEW] },
    // #13 ID-3
    "book-identity-call": { next: "identity_check_required", by: REVIEW },
    "record-identity-call": { next: "identity_check_required", by: REVIEW },
    "refuse-identity-proof": { next: "identity_check_required", by: REVIEW },
  },
  awaiting_approval: {
    ...waiting("awaiting_approval"),
    "approve-level": { next: "awaiting_approval", by: DECIDE },
    approve: { next: "approved", by: DECIDE },
    // AP-1, LF-5: a refusal always carries reasons (approval/ checks them).
    refuse: { next: "rejected", by: DECIDE },
    "send-back": { next: "in_review", by: DECIDE },
  },
  approved: {
    ...recorded("approved"),
    "request-payment": { next: "awaiting_payment", by: ["system", "finance_officer", ...REVIEW] },
    "start-issuing": { next: "issuing", by: ["system", ...REVIEW, "approver"] },
  },
  awaiting_payment: {
    ...recorded("awaiting_payment"),
    "record-contact-attempt": { next: "awaiting_payment", by: CASEWORK },
    "propose-abandon": { next: "awaiting_payment", by: ["system", ...REVIEW] },
    "approve-abandon": { next: "abandoned", by: ["head_of_agency"] },
    "record-payment": { next: "paid", by: ["system", "finance_officer"] },
    // #14 payment: money for one notice while another of the matter is still open; the status stays.
    "record-part-payment": { next: "awaiting_payment", by: ["system", "finance_officer"] },
    "remind-payment": { next: "awaiting_payment", by: ["system", "finance_officer"] },
    "add-payment-notice": { next: "awaiting_payment", by: ["system", "finance_officer"] },
    // #14 payment (PY-1): unpaid by the notice's deadline: what the manual says, returned or cancelled.
    return: { next: "returned", by: ["system", ...REVIEW] },
    cancel: { next: "cancelled", by: ["system", ...SARABAN] },
  },
  paid: {
    ...recorded("paid"),
    "start-issuing": { next: "issuing", by: ["system", ...REVIEW, "approver"] },
  },
  issuing: {
    ...recorded("issuing"),
    // #15 licensing: issued and signed by Borikan (system) or by an officer; a paper licence's scan
    "issue-licence": { next: "issuing", by: ["system", ...REVIEW, "approver"] },
    "record-licence-scan": { next: "issuing", by: [...REVIEW, "approver", "saraban_officer"] },
    deliver: { next: "delivered", by: ["system", ...REVIEW] },
  },
  delivered: {
    ...recorded("delivered"),
    close: { next: "closed", by: ["system", ...REVIEW] },
  },
  rejected: {
    ...recorded("rejected"),
    close: { next: "closed", by: ["system", ...REVIEW] },
  },
  closed: ended("closed"),
  withdrawn: ended("withdrawn"),
  misdirected: ended("misdirected"),
  abandoned: ended("abandoned"),
  returned: ended("returned"),
  cancelled: ended("cancelled"),
} as const satisfies StatusTable<
  Exclude<MatterStatus, "in_progress" | "answered">,
  MatterAction,
  MatterActorRole
>;

/** The table of each kind of matter. */
export const MATTER_STATUSES = {
  general: GENERAL_STATUSES,
  application: APPLICATION_STATUSES,
} as const;

/** Statuses in which nothing more happens to the matter (comments aside). */
export const END_STATUSES: readonly MatterStatus[] = [
  "closed",
  "withdrawn",
  "misdirected",
  "abandoned",
  "returned",
  "cancelled",
];

/** LF-1, RV-6: while the applicant is awaited the clock stands still. */
export const PAUSING_STATUSES: readonly MatterStatus[] = ["more_info_requested", "identity_check_required"];

/** AP-1, LF-5: statuses reached by a decision (the delay notices stop). */
export const DECIDED_STATUSES: readonly MatterStatus[] = [
  "approved",
  "rejected",
  // #15 requests (LC-4): a general request's answer meets its time (a request for licence data is due in 3 days).
  "answered",
];

/** Actions only officers see on the timeline (RG-5 memos, comments); every other is shown to the applicant. */
export const OFFICERS_ONLY_ACTIONS: readonly MatterAction[] = [
  "claim",
  "assign",
  "route",
  "comment",
  "record-check",
  "record-contact-attempt",
  "propose-abandon",
  "escalate",
  "record-delay-reason",
  "approve-level",
  // The approvers' deliberation: a send-back's reasons are for the reviewer, not the applicant.
  "send-back",
  "record-letter",
];
