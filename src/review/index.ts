// #12 review: checks against the manual (RV-1, RV-4) and the agency's trusted roots for PDF signatures

export { listChecks, listCurrentChecks, type ReviewCheck } from "./checks.repo.js";
export { CHECK_KINDS, CHECK_OUTCOMES, type CheckKind, type CheckOutcome } from "./checks.table.js";
export { CHECKING_ROLES, type ReviewPanelDeps, reviewPanel } from "./checks-panel.js";
export { type CheckActor, type NewCheck, recordCheck } from "./record-check.js";
export { loadReviewSubject, type ReviewSubject } from "./review-subject.js";
export { listTrustRoots } from "./trust-roots.js";
export { verifyDocumentSignatures } from "./verify-document-signatures.js";
