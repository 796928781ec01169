export { type AuditInput, recordAudit } from "./record-audit.js";
