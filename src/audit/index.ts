export {
  AUDIT_GENESIS_HASH,
  AUDIT_HASH_FORMAT,
  type AuditHead,
  type AuditSealer,
  auditHead,
  auditHeadFile,
  auditRowHash,
  createAuditSealer,
  DEFAULT_UNSEALED_GRACE_MS,
  isAuditHeadFileName,
  type SealOptions,
  sealAuditTrail,
  type VerifyOptions,
  type VerifyResult,
  verifyAuditTrail,
} from "./audit-chain.js";
export { type AuditInput, recordAudit } from "./record-audit.js";
