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
export {
  findProof,
  findReusableProof,
  insertProof,
  matterAssurance,
  type NewProof,
  recordMatterAssurance,
} from "./proofs.repo.js";
// #13 officers-retention
export { purgeCitizenSessions } from "./purge-sessions.js";
export { IDENTITY_SEALED_COLUMNS } from "./sealed-columns.js";
