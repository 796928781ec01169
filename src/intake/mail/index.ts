export { classifyMail, type MailKind, trustedHeaders } from "./classify-mail.js";
export { deleteHeldMail, releaseHeldMail } from "./held-mail.js";
export { createMailIntake, type MailIntake, type PassSummary } from "./imap-intake.js";
export type { MailOutcome } from "./mail.table.js";
export {
  findMailbox,
  type MailboxAlert,
  type MailboxSettings,
  mailboxAlerts,
  saveMailbox,
} from "./mailbox.repo.js";
// #18 ops
export {
  countMailboxesByHealth,
  MAILBOX_HEALTH_STATES,
  type MailboxHealthState,
} from "./mailbox-health-counts.js";
// #13 officers-retention
export { purgeDeletedMail } from "./purge-deleted-mail.js";
export { type ArrivedMail, type MailIntakeDeps, receiveMail } from "./receive-mail.js";
export { MAIL_SEALED_COLUMNS } from "./sealed-columns.js";
