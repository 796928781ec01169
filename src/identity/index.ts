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
// #13 my-data: the one-time link that ties a LINE user to a citizen account
export { createLineLinkToken, LINE_LINK_MINUTES } from "./line-link.repo.js";
export {
  findProof,
  findReusableProof,
  insertProof,
  matterAssurance,
  type NewProof,
  recordMatterAssurance,
} from "./proofs.repo.js";
export { IDENTITY_SEALED_COLUMNS } from "./sealed-columns.js";
