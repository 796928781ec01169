/**
 * The signs of automatic mail, as an ordered table: the first rule whose sign is present decides.
 * CH-4: automatic mail is never acknowledged — answering a robot is how mail loops start. A rule that
 * is sure records the mail as a bounce or an automatic reply, not as a request; a rule that is unsure
 * registers it as a request WITHOUT an acknowledgement and flags it for the officer (CH-6: nothing is
 * dropped on a guess).
 */

/** A header line as classify-mail.ts reads it (written out here so that neither file imports the other's). */
interface HeaderLine {
  key: string;
  value: string;
}

export type UnsureReason = "auto-generated" | "bulk" | "list" | "no-reply" | "auto-subject";

export type AutomaticVerdict =
  | { kind: "bounce" }
  | { kind: "auto-reply" }
  | { kind: "request"; noAckReason: UnsureReason };

/** What the rules look at, all from the headers and the MIME structure (CH-6: nothing is opened). */
export interface MailSigns {
  headers: HeaderLine[];
  fromAddress: string | undefined;
  subject: string;
  contentType: string;
  /** True when some part is `message/delivery-status` (RFC 3464), whatever the top-level type. */
  deliveryStatusPart: boolean;
}

const header = (headers: HeaderLine[], key: string) => headers.find((h) => h.key === key)?.value.trim();
const has = (s: MailSigns, key: string) => header(s.headers, key) !== undefined;
const localPart = (address: string | undefined) =>
  address ? address.slice(0, address.lastIndexOf("@")).toLowerCase() : "";
const autoSubmitted = (s: MailSigns) => header(s.headers, "auto-submitted")?.toLowerCase();
const precedence = (s: MailSigns) => header(s.headers, "precedence")?.toLowerCase();

/** `Return-Path: <>`: the null reverse-path only notifications use (RFC 5321 §4.5.5). The top one is the
 * delivering server's; one further down is the sender's own claim. */
const nullSender = (s: MailSigns) => /^<\s*>$/.test(header(s.headers, "return-path") ?? "");
const daemon = (s: MailSigns) => /^(mailer[-_.]?daemon|postmaster)$/.test(localPart(s.fromAddress));

const BOUNCE_SUBJECT =
  /(undeliver|undelivered|delivery (status|failure|has failed)|returned mail|failure notice|mail delivery failed|ส่งไม่สำเร็จ|ไม่สามารถส่ง)/i;
// A subject as mail clients write an automatic reply: the phrase as its prefix, before a colon.
// No \b after Thai: in JavaScript a word boundary never follows a Thai letter.
const AUTO_REPLY_PREFIX =
  /^\s*(automatic reply|auto(matic)?[- ]?reply|auto[- ]?response|autoresponder|out of (the )?office( auto-?reply)?|ตอบกลับอัตโนมัติ|ไม่อยู่ที่สำนักงาน|abwesenheitsnotiz)\s*[:：]|^\s*AUTO:\s.*\bout of (the )?office\b/i;
// The same phrases, and receipt notices ("your mail has been received"), anywhere in the subject.
const AUTO_SUBJECT =
  /(automatic reply|auto(matic)?[- ]?reply|auto[- ]?response|autoresponder|out of (the )?office|ตอบกลับอัตโนมัติ|ไม่อยู่ที่สำนักงาน|ได้รับอีเมล์?ของ(ท่าน|คุณ)แล้ว|ได้รับข้อความของ(ท่าน|คุณ)แล้ว|we have received your (e-?mail|message)|your (e-?mail|message) has been received|abwesenheitsnotiz)/i;
const NO_REPLY_LOCAL = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster)([-_.+].*)?$/;

/** Any header an automatic sender writes, however weak alone. */
const anyAutomaticHeader = (s: MailSigns) =>
  nullSender(s) ||
  (autoSubmitted(s) !== undefined && autoSubmitted(s) !== "no") ||
  ["bulk", "junk", "list", "auto_reply"].includes(precedence(s) ?? "") ||
  has(s, "x-auto-response-suppress") ||
  has(s, "x-ms-exchange-generated-message-source");

interface Rule {
  /** Stable name, for tests and the reason recorded. */
  id: string;
  sign: (s: MailSigns) => boolean;
  verdict: AutomaticVerdict;
}

const BOUNCE = { kind: "bounce" } as const;
const AUTO_REPLY = { kind: "auto-reply" } as const;
const unsure = (noAckReason: UnsureReason) => ({ kind: "request", noAckReason }) as const;

export const AUTOMATIC_RULES: readonly Rule[] = [
  // CH-4, CH-12: a delivery report (RFC 3464) says our mail did not arrive; answering it would loop.
  {
    id: "dsn-report",
    sign: (s) =>
      /^multipart\/report\b/i.test(s.contentType) && /report-type="?delivery-status/i.test(s.contentType),
    verdict: BOUNCE,
  },
  // CH-4: older servers wrap the same report in multipart/mixed; with the null sender, a daemon's
  // address or no From address at all, it is a report, not someone's mail.
  {
    id: "dsn-part",
    sign: (s) => s.deliveryStatusPart && (nullSender(s) || daemon(s) || !s.fromAddress),
    verdict: BOUNCE,
  },
  // CH-4: plain-text bounces: the mailer daemon (or the null sender without a From address) and a
  // subject saying the mail failed.
  {
    id: "daemon-subject",
    sign: (s) => (daemon(s) || (nullSender(s) && !s.fromAddress)) && BOUNCE_SUBJECT.test(s.subject),
    verdict: BOUNCE,
  },
  // CH-4: RFC 3834's own mark of an automatic reply.
  {
    id: "auto-submitted-replied",
    sign: (s) => !!autoSubmitted(s)?.startsWith("auto-replied"),
    verdict: AUTO_REPLY,
  },
  // CH-4: vacation programs and cPanel mark their replies so.
  { id: "x-autoreply", sign: (s) => has(s, "x-autoreply") || has(s, "x-autorespond"), verdict: AUTO_REPLY },
  // CH-4: some autoresponders say it in Precedence.
  { id: "precedence-auto-reply", sign: (s) => precedence(s) === "auto_reply", verdict: AUTO_REPLY },
  // CH-4: Lotus Notes / IBM autoresponders (`X-POST-MessageClass: 9; Autoresponder`).
  {
    id: "lotus-autoresponder",
    sign: (s) => /autorespon/i.test(header(s.headers, "x-post-messageclass") ?? ""),
    verdict: AUTO_REPLY,
  },
  // CH-4: an out-of-office or receipt-notice subject together with any automatic header (Outlook's
  // out-of-office carries X-Auto-Response-Suppress, not Auto-Submitted).
  {
    id: "subject-and-header",
    sign: (s) => AUTO_SUBJECT.test(s.subject) && anyAutomaticHeader(s),
    verdict: AUTO_REPLY,
  },
  // CH-4: a subject that begins as mail clients write an automatic reply ("Automatic reply:",
  // "ตอบกลับอัตโนมัติ:", Lotus's "AUTO: … is out of the office"): people do not write that.
  { id: "subject-prefix", sign: (s) => AUTO_REPLY_PREFIX.test(s.subject), verdict: AUTO_REPLY },
  // CH-4: mail sent with the null reverse-path is a notification by definition; an answer could not
  // even be delivered.
  { id: "null-sender", sign: nullSender, verdict: AUTO_REPLY },
  // Unsure from here (CH-6: registered, flagged, not answered). Auto-Submitted: auto-generated is a
  // system's notice, which may well be a request (a web form's).
  {
    id: "auto-generated",
    sign: (s) => autoSubmitted(s) !== undefined && autoSubmitted(s) !== "no",
    verdict: unsure("auto-generated"),
  },
  // CH-4: bulk mail (a newsletter, a circular) may concern the agency, but nobody reads an answer.
  {
    id: "precedence-bulk",
    sign: (s) => ["bulk", "junk"].includes(precedence(s) ?? ""),
    verdict: unsure("bulk"),
  },
  // CH-4: answering a mailing list answers everyone on it.
  {
    id: "list",
    sign: (s) => precedence(s) === "list" || has(s, "list-id") || has(s, "list-unsubscribe"),
    verdict: unsure("list"),
  },
  // CH-4: a no-reply sender will not read an answer, though its mail may be a real request.
  {
    id: "no-reply-sender",
    sign: (s) => NO_REPLY_LOCAL.test(localPart(s.fromAddress)),
    verdict: unsure("no-reply"),
  },
  // CH-6: an out-of-office or receipt-notice subject with no automatic header: perhaps a person's
  // mail ("Re: Automatic reply: …"), perhaps a robot's; an officer decides.
  { id: "auto-subject", sign: (s) => AUTO_SUBJECT.test(s.subject), verdict: unsure("auto-subject") },
];

/** The verdict of the first rule whose sign is present, or undefined: ordinary mail. */
export function automaticVerdict(signs: MailSigns): (AutomaticVerdict & { rule: string }) | undefined {
  const rule = AUTOMATIC_RULES.find((r) => r.sign(signs));
  return rule && { ...rule.verdict, rule: rule.id };
}

/**
 * True when the raw message has a `message/delivery-status` part (RFC 3464; RFC 6533's global one too).
 * Searched in the bytes, not in a decoded copy: a message may be tens of megabytes.
 */
export function hasDeliveryStatusPart(raw: Buffer): boolean {
  for (let at = raw.indexOf("elivery-status"); at >= 0; at = raw.indexOf("elivery-status", at + 1)) {
    const start = raw.lastIndexOf(10, at) + 1;
    const line = raw.subarray(start, at + "elivery-status".length).toString("latin1");
    if (/^content-type:[ \t]*message\/(global-)?delivery-status$/i.test(line)) return true;
  }
  return false;
}
