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
export { IDENTITY_SEALED_COLUMNS } from "./sealed-columns.js";
export type { AccountSection } from "./sign-in.routes.js";
// #13 sign-in
export { createThaidClient, type ThaidClient, type ThaidSettings } from "./thaid-client.js";
