// #12 deficiency: the deficiency record, the applicant's answer, LF-4 returns and the 30-day rule
export { ABANDON_AFTER, abandonClock, approveAbandon, sweepAbandonProposals } from "./abandon.js";
export { acknowledgeDeficiency, answerDeficiency } from "./answer-deficiency.js";
export { CONTACT_CHANNELS, CONTACT_OUTCOMES, recordContactAttempt } from "./contact-attempts.js";
export { deficiencyPanel } from "./deficiency-panel.js";
export type { DeficiencyItem, DeficiencyRecord } from "./deficiency-records.repo.js";
export { listDeficiencyRecords } from "./deficiency-records.repo.js";
export { type DeficiencyRequest, requestMoreInformation } from "./deficiency-request.js";
export { type DeficiencyState, deficiencyState } from "./deficiency-state.js";
export { sweepDeficiencyAnswers, sweepLapsedDeficiencies } from "./deficiency-sweeps.js";
// #12 review: checks against the manual (RV-1, RV-4) and the agency's trusted roots for PDF signatures

export { listChecks, listCurrentChecks, type ReviewCheck } from "./checks.repo.js";
export { CHECK_KINDS, CHECK_OUTCOMES, type CheckKind, type CheckOutcome } from "./checks.table.js";
export { CHECKING_ROLES, type ReviewPanelDeps, reviewPanel } from "./checks-panel.js";
export { type CheckActor, type NewCheck, recordCheck } from "./record-check.js";
export { loadReviewSubject, type ReviewSubject } from "./review-subject.js";
export { REVIEW_SEALED_COLUMNS } from "./sealed-columns.js";
export { listTrustRoots } from "./trust-roots.js";
export { verifyDocumentSignatures } from "./verify-document-signatures.js";
