/**
 * Every rejection the outside world can see: a stable code, its HTTP status, and a message in the
 * catalogues under `error.<CODE>` (Thai and English). Domain code throws AppError; HTTP maps it.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  CONTACT_REQUIRED: 400,
  EMAIL_INVALID: 400,
  PHONE_INVALID: 400,
  FORM_TOKEN_MISSING: 400,
  CONFIRMATION_REQUIRED: 400,
  FORM_ALREADY_SUBMITTED: 409,
  TOO_MANY_FILES: 413,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  AGENCY_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_INVALID: 400,
  AGENCY_INVALID: 400,
  HOLIDAY_FILE_INVALID: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  TOTP_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  PASSWORD_TOO_WEAK: 400,
  PASSWORD_WRONG: 400,
  STAFF_EXISTS: 409,
  STAFF_NOT_FOUND: 404,
  ROLE_INVALID: 400,
  // #9 sign-in limits and staff
  UNIT_NOT_IN_AGENCY: 400,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_ENABLED: 409,
  ENTRY_CANCELLED: 409,
  MATTER_NOT_FOUND: 404,
  /** #12: the matter changed since the page was drawn (a stale form, a double click). */
  MATTER_CHANGED: 409,
  /** ES-1: the agency has no letter code for the ที่ of its letters; an admin sets it. */
  LETTER_CODE_NOT_SET: 409,
  CHECK_ALREADY_RECORDED: 409,
  ENTRY_ALREADY_MISDIRECTED: 409,
  MAIL_NOT_HELD: 409,
  OUTBOX_NOT_UNCERTAIN: 409,
  LINE_NOT_CONNECTED: 404,
  LINE_SIGNATURE_INVALID: 401,
  // #9 honest states
  ENTRY_ALREADY_ACKNOWLEDGED: 409,
  ACKNOWLEDGEMENT_TIME_INVALID: 422,
  LINE_NOT_CONFIGURED: 409,
  // #9 holidays (headers)
  HOLIDAY_NOT_FOUND: 404,
  // #10 calendar: one special day added where the calendar already has a holiday
  HOLIDAY_EXISTS: 409,
  // #9 bad input: every malformed request is one of these, never a 500
  BODY_INVALID: 400,
  MULTIPART_INVALID: 400,
  FIELD_REPEATED: 400,
  FIELD_NOT_TEXT: 400,
  FIELD_TOO_LONG: 400,
  FIELD_TEXT_INVALID: 400,
  TOO_MANY_FIELDS: 413,
  TOO_MANY_PARTS: 413,
  URL_INVALID: 400,
  // #10 workflow: an action refused by the status table
  ACTION_NOT_ALLOWED: 409,
  ACTION_FORBIDDEN: 403,
  // #10 mail signs and addresses
  RECIPIENT_INVALID: 422,
  ACK_NOT_WITHHELD: 409,
  INTERNAL: 500,
  // #10 mailbox: possible duplicates and the first connection
  MAIL_NOT_POSSIBLE_DUPLICATE: 409,
  MAILBOX_ALREADY_STARTED: 409,
  // #11 catalog: service files refused with the rule and path, and the catalogue's own states
  SERVICE_DEFINITION_INVALID: 422,
  SERVICE_NOT_FOUND: 404,
  SERVICE_EXISTS: 409,
  SERVICE_CODE_MISMATCH: 422,
  SERVICE_NO_DRAFT: 409,
  SERVICE_RETIRED: 409,
  // #11 search
  SITE_PAGE_NOT_FOUND: 404,
  // #11 applications: services applied for, field errors, the type-1 signature's one-time code
  APPLICATION_INVALID: 422,
  APPLICATION_ALREADY_SUBMITTED: 409,
  SIGNATURE_OTP_REQUIRED: 409,
  SIGNATURE_CODE_INVALID: 422,
  SIGNATURE_CODE_EXPIRED: 422,
  SIGNATURE_CODE_LOCKED: 429,
  SMS_NOT_CONFIGURED: 409,
  ENTRY_ALREADY_APPLICATION: 409,
  // #12 deficiency: the deficiency record, the applicant's answer, the 30-day rule
  DEFICIENCY_ITEMS_REQUIRED: 400,
  DEFICIENCY_DEADLINE_INVALID: 400,
  DEFICIENCY_ITEM_NOT_IN_MANUAL: 422,
  DEFICIENCY_ALREADY_REQUESTED: 409,
  DEFICIENCY_OVERRIDE_FORBIDDEN: 403,
  DEFICIENCY_NOT_FOUND: 404,
  DEFICIENCY_NOT_AWAITED: 409,
  DEFICIENCY_DEADLINE_PASSED: 409,
  DEFICIENCY_ANSWER_EMPTY: 400,
  CONTACT_ATTEMPT_INVALID: 400,
  ABANDON_TOO_EARLY: 409,
  ABANDON_REASON_REQUIRED: 400,
  // #12 notifications: an agency's template naming an unknown placeholder or missing a required one
  NOTIFICATION_TEMPLATE_INVALID: 422,
  // #12 casework: the generic actions on a matter (claim, assign, route, comment, …)
  MATTER_ACTION_UNKNOWN: 400,
  MATTER_VERSION_REQUIRED: 400,
  MATTER_TEXT_REQUIRED: 400,
  ASSIGNEE_INVALID: 400,
  ROUTE_SAME_UNIT: 409,
  // #12 correspondence: letters and announcements
  LETTER_NOT_FOUND: 404,
  LETTER_TOP_SECRET_NOT_BY_EMAIL: 409,
  LETTER_TOP_SECRET_NOT_ONLINE: 403,
  ANNOUNCEMENT_NOT_FOUND: 404,
  ANNOUNCEMENT_CHANGED: 409,
  // #12 approval: decisions with reasons, who decides which level, the signed scan's completeness
  APPROVAL_REASONS_REQUIRED: 422,
  APPROVAL_REMEDY_REQUIRED: 422,
  APPROVAL_LEVEL_FORBIDDEN: 403,
  APPROVAL_ALREADY_DECIDED: 409,
  REFUSAL_AFTER_DEFICIENCY_FULFILLED: 409,
  APPROVAL_SCAN_INCOMPLETE: 422,
  // #12 review: checks against the manual (RV-1, RV-4), the PDF signature verifier and its trusted roots
  REVIEW_ITEM_UNKNOWN: 400,
  REVIEW_FILE_NOT_PDF: 400,
  SIGNATURE_VERIFIER_UNAVAILABLE: 503,
  TRUST_ROOT_INVALID: 400,
  TRUST_ROOT_NOT_CA: 400,
  TRUST_ROOT_EXPIRED: 400,
  TRUST_ROOT_EXISTS: 409,
  TRUST_ROOT_NOT_FOUND: 404,
  // #13 video-juristic: identity calls (ID-3, PD-7) and delegations (FM-5)
  VIDEO_CALL_NOT_CONFIGURED: 409,
  VIDEO_CALL_IN_PAST: 422,
  VIDEO_CALL_NOT_FOUND: 404,
  VIDEO_CALL_NO_CONSENT: 409,
  VIDEO_STILL_REQUIRED: 422,
  VIDEO_STILL_NOT_IMAGE: 422,
  DELEGATION_NOT_JURISTIC: 409,
  // #13 sign-in: one-time codes (ID-4), ThaiD over OpenID Connect
  SIGN_IN_DESTINATION_INVALID: 400,
  SIGN_IN_CHANNEL_UNAVAILABLE: 409,
  SIGN_IN_CODE_NOT_SENT: 502,
  SIGN_IN_CODE_EXPIRED: 410,
  SIGN_IN_CODE_INVALID: 400,
  SIGN_IN_CODE_LOCKED: 429,
  ACCOUNT_CLOSED: 403,
  THAID_NOT_CONFIGURED: 409,
  THAID_UNAVAILABLE: 503,
  THAID_STATE_INVALID: 400,
  THAID_STATE_REPLAYED: 409,
  THAID_STATE_EXPIRED: 410,
  THAID_DENIED: 403,
  THAID_TOKEN_INVALID: 401,
  THAID_PID_INVALID: 422,
  THAID_PID_TAKEN: 409,
  // #13 proofing: the decision gate (ID-1), evidence, phone codes and certificates (ID-2, ID-5, ID-6)
  IDENTITY_NOT_PROVEN: 409,
  IDENTITY_NOT_REQUIRED: 409,
  IDENTITY_PROOF_NOT_FOUND: 404,
  IDENTITY_PROOF_DECIDED: 409,
  IDENTITY_PROOF_PENDING: 409,
  IDENTITY_PHOTO_REQUIRED: 422,
  IDENTITY_PHOTO_NOT_IMAGE: 422,
  IDENTITY_PHONE_NOT_VERIFIED: 422,
  IDENTITY_SMS_UNAVAILABLE: 409,
  IDENTITY_MISMATCH: 409,
  IDENTITY_CERTIFICATE_REFUSED: 422,
  IDENTITY_CHECKLIST_INCOMPLETE: 422,
  PHONE_CODE_INVALID: 422,
  PHONE_CODE_EXPIRED: 422,
  PHONE_CODE_LOCKED: 429,
  // #13 my-data: the LINE link (PD-6)
  LINE_LINK_INVALID: 404,
  LINE_LINK_USED: 409,
  LINE_USER_LINKED_ELSEWHERE: 409,
  // #13 officers-retention
  STEP_UP_REQUIRED: 401,
  RETENTION_TOO_SHORT: 400,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Values for the message template, and details for the API (e.g. the field that failed). */
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
