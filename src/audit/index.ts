export {
  AUDIT_GENESIS_HASH,
  AUDIT_HASH_FORMAT,
  type AuditHead,
  auditHead,
  auditRowHash,
  DEFAULT_UNSEALED_GRACE_MS,
} from "./audit-chain.js";
export { auditHeadFile, isAuditHeadFileName } from "./audit-head-files.js";
export { type AuditInput, recordAudit } from "./record-audit.js";
export {
  type AuditSealer,
  createAuditSealer,
  type SealOptions,
  sealAuditTrail,
} from "./seal-audit-trail.js";
export { type VerifyOptions, type VerifyResult, verifyAuditTrail } from "./verify-audit-trail.js";
