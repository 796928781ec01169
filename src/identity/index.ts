// #13 proofing: the decision gate (ID-1), reuse (ID-2), one way for every method to count for a matter
export { acceptProofForMatter, adoptReusableProof, assertIdentityProven } from "./accept-proof.js";
export {
  ASSURANCE_RANK,
  assuranceOfIalClaim,
  isAssurance,
  meetsAssurance,
  requiredAssurance,
} from "./assurance.js";
// #16 answers: the webboard tells a citizen their question was answered
export { findCitizenEmail } from "./citizen-contact.js";
export {
  CITIZEN_COOKIE,
  type CitizenSession,
  citizenSessionHook,
  endCitizenSession,
  resolveCitizenSession,
  startCitizenSession,
} from "./citizen-sessions.js";
// #13 video-juristic: identity calls (ID-3, PD-7) and juristic persons' delegations (FM-5)
export { delegationPanel } from "./delegation-panel.js";
export { type DelegationParties, delegationValid, findValidDelegation } from "./delegations.repo.js";
export type { DelegationRow } from "./delegations.table.js";
export type { CitizenAccountRow, IdentityProofRow, ProofMethod, ProofStatus } from "./identity.table.js";
export { findIdentityNeed, type IdentityNeed } from "./identity-need.js";
export { identityPanel } from "./identity-panel.js";
// #13 my-data: the one-time link that ties a LINE user to a citizen account
export { createLineLinkToken, LINE_LINK_MINUTES } from "./line-link.repo.js";
// #17 subjects: a data-subject request's identity checks and the person's export (PD-3)
export { citizenKeys } from "./my-requests.js";
export { type PersonAccountData, personAccountData } from "./person-account.js";
export {
  findProof,
  findReusableProof,
  insertProof,
  matterAssurance,
  type NewProof,
  recordMatterAssurance,
} from "./proofs.repo.js";
// #13 retention of identity's data classes (PD-4, PD-7)
export {
  purgeEvidencePhotos,
  purgeOidcRequests,
  purgeSignInCodes,
  purgeVideoStills,
} from "./purge-identity-data.js";
// #13 officers-retention
export { purgeCitizenSessions } from "./purge-sessions.js";
export { IDENTITY_SEALED_COLUMNS } from "./sealed-columns.js";
export type { AccountSection } from "./sign-in.routes.js";
// #15 requests: the per-address limit of the public request for licence data (LC-4)
export { allowCitizenAttempt } from "./sign-in-limits.js";
export { requesterDelegation, subjectIdentityVerified } from "./subject-identity.js";
export { subjectIdentity } from "./subject-identity-port.js";
// #13 sign-in
export { createThaidClient, type ThaidClient, type ThaidSettings } from "./thaid-client.js";
export { videoPanel } from "./video-panel.js";
export { VIDEO_PROOF_VALID_DAYS, VIDEO_STILL_RETENTION_DAYS } from "./video-record-outcome.js";
// #16 webboard: who may post on the webboard (WB-2)
export { hasVerifiedContact } from "./webboard-eligibility.js";
