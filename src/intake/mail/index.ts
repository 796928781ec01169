export { classifyMail, type MailKind, trustedHeaders } from "./classify-mail.js";
export { createMailIntake, type MailIntake, type PassSummary } from "./imap-intake.js";
export type { MailOutcome } from "./mail.table.js";
export {
  findMailbox,
  type MailboxAlert,
  type MailboxSettings,
  mailboxAlerts,
  saveMailbox,
} from "./mailbox.repo.js";
export {
  type ArrivedMail,
  deleteHeldMail,
  type MailIntakeDeps,
  receiveMail,
  releaseHeldMail,
} from "./receive-mail.js";
