// #13 proofing: the decision gate (ID-1), reuse (ID-2), one way for every method to count for a matter
export { acceptProofForMatter, adoptReusableProof, assertIdentityProven } from "./accept-proof.js";
export {
  ASSURANCE_RANK,
  assuranceOfIalClaim,
  isAssurance,
  meetsAssurance,
  requiredAssurance,
} from "./assurance.js";
export {
  CITIZEN_COOKIE,
  type CitizenSession,
  citizenSessionHook,
  endCitizenSession,
  resolveCitizenSession,
  startCitizenSession,
} from "./citizen-sessions.js";
export type { CitizenAccountRow, IdentityProofRow, ProofMethod, ProofStatus } from "./identity.table.js";
export { findIdentityNeed, type IdentityNeed } from "./identity-need.js";
export { identityPanel } from "./identity-panel.js";
export {
  findProof,
  findReusableProof,
  insertProof,
  matterAssurance,
  type NewProof,
  recordMatterAssurance,
} from "./proofs.repo.js";
export { IDENTITY_SEALED_COLUMNS } from "./sealed-columns.js";
