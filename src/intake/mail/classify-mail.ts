/**
 * What a message is, from its headers alone — decided before anything in it is opened (CH-6), and
 * before anyone is answered (CH-4: never answer automatic mail, so no mail loops).
 */

/** One header line as it stands in the message, top first (the order matters: see `trustedHeaders`). */
export interface HeaderLine {
  /** Lower-case field name. */
  key: string;
  /** The unfolded value, without the name. */
  value: string;
}

export type FolderRole = "inbox" | "junk" | "other";

export type HeldReason = "junk-folder" | "spam-verdict" | "own-domain-auth-fail";
export type NoAckReason = "auto-generated" | "bulk" | "list" | "no-reply";

export type MailKind =
  | { kind: "held"; reason: HeldReason }
  | { kind: "bounce" }
  | { kind: "auto-reply" }
  | { kind: "request"; noAckReason?: NoAckReason };

export interface ClassifyInput {
  headers: HeaderLine[];
  fromAddress: string | undefined;
  subject: string;
  /** The top-level content type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
  folderRole: FolderRole;
  /** The agency's own mail server (its authserv-id and Received `by` name); unset: no header is trusted. */
  trustedServer: string | null;
  agencyDomain: string;
}

/**
 * The header lines the agency's own server wrote: those above the first `Received:` line added by any
 * other host. A sender can write any header, including a spam verdict or Authentication-Results naming
 * our server, but only below that line (CH-6: trusted only from the configured server).
 */
export function trustedHeaders(headers: HeaderLine[], trustedServer: string | null): HeaderLine[] {
  if (!trustedServer) return [];
  const server = trustedServer.toLowerCase();
  const trusted: HeaderLine[] = [];
  for (const header of headers) {
    if (header.key === "received") {
      const by = /\bby\s+([^\s;()]+)/i.exec(header.value)?.[1]?.toLowerCase();
      if (by !== server) break;
    }
    trusted.push(header);
  }
  return trusted;
}

const domainOf = (address: string | undefined) => address?.slice(address.lastIndexOf("@") + 1).toLowerCase();
const localPartOf = (address: string | undefined) =>
  address?.slice(0, address.lastIndexOf("@")).toLowerCase() ?? "";

/** True when `address` is at the agency's domain or one of its subdomains. */
export function isAgencyAddress(address: string | undefined, agencyDomain: string): boolean {
  const domain = domainOf(address);
  const own = agencyDomain.toLowerCase();
  return domain !== undefined && (domain === own || domain.endsWith(`.${own}`));
}

function spamVerdict(trusted: HeaderLine[]): boolean {
  return trusted.some(
    (h) =>
      (h.key === "x-spam-flag" && /^\s*yes\b/i.test(h.value)) ||
      (h.key === "x-spam-status" && /^\s*yes\b/i.test(h.value)),
  );
}

/** Results of `Authentication-Results` headers written by the trusted server itself (RFC 8601). */
function authenticationFailed(trusted: HeaderLine[], trustedServer: string): boolean {
  return trusted.some((h) => {
    if (h.key !== "authentication-results") return false;
    const authservId = h.value.split(";")[0]?.trim().split(/\s+/)[0]?.toLowerCase();
    return authservId === trustedServer.toLowerCase() && /\b(spf|dmarc)\s*=\s*fail\b/i.test(h.value);
  });
}

const header = (headers: HeaderLine[], key: string) => headers.find((h) => h.key === key)?.value.trim();

// No \b at the end: in JavaScript a word boundary never follows a Thai letter.
const AUTO_REPLY_SUBJECT =
  /^\s*(automatic reply|auto(matic)?[- ]?reply|ตอบกลับอัตโนมัติ|out of (the )?office)(?=[\s:：]|$)/i;
const BOUNCE_SUBJECT =
  /(undeliver|undelivered|delivery (status|failure|has failed)|returned mail|failure notice|mail delivery failed|ส่งไม่สำเร็จ|ไม่สามารถส่ง)/i;
const NO_REPLY_LOCAL = /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon)([-_.+].*)?$/;

export function classifyMail(input: ClassifyInput): MailKind {
  const { headers } = input;
  // CH-6: what the mail server filed as junk, or its trusted verdict, is held unopened.
  if (input.folderRole === "junk") return { kind: "held", reason: "junk-folder" };
  const trusted = trustedHeaders(headers, input.trustedServer);
  if (spamVerdict(trusted)) return { kind: "held", reason: "spam-verdict" };
  // Mail claiming the agency's own domain that fails SPF or DMARC is forged until an officer says not.
  if (
    input.trustedServer &&
    isAgencyAddress(input.fromAddress, input.agencyDomain) &&
    authenticationFailed(trusted, input.trustedServer)
  ) {
    return { kind: "held", reason: "own-domain-auth-fail" };
  }

  // CH-4: automatic mail is never answered. Delivery reports (RFC 3464) …
  const contentType = input.contentType.toLowerCase();
  if (/^multipart\/report\b/.test(contentType) && /report-type="?delivery-status/.test(contentType)) {
    return { kind: "bounce" };
  }
  // Older servers send plain-text bounces from the mailer daemon.
  if (
    /^(mailer[-_.]?daemon|postmaster)$/.test(localPartOf(input.fromAddress)) &&
    BOUNCE_SUBJECT.test(input.subject)
  ) {
    return { kind: "bounce" };
  }
  // … and automatic replies (RFC 3834; Outlook's out-of-office carries its own headers).
  const autoSubmitted = header(headers, "auto-submitted")?.toLowerCase();
  if (
    autoSubmitted?.startsWith("auto-replied") ||
    header(headers, "x-autoreply") !== undefined ||
    header(headers, "x-autorespond") !== undefined ||
    ((header(headers, "x-ms-exchange-generated-message-source") !== undefined ||
      header(headers, "x-auto-response-suppress") !== undefined) &&
      AUTO_REPLY_SUBJECT.test(input.subject))
  ) {
    return { kind: "auto-reply" };
  }

  // Other automatic mail may still be a request (a system's notice, a circular): it is registered, but
  // nobody is there to read an acknowledgement, and answering lists and robots is how loops start.
  if (autoSubmitted && autoSubmitted !== "no") return { kind: "request", noAckReason: "auto-generated" };
  const precedence = header(headers, "precedence")?.toLowerCase();
  if (precedence === "bulk" || precedence === "junk") return { kind: "request", noAckReason: "bulk" };
  if (
    precedence === "list" ||
    header(headers, "list-id") !== undefined ||
    header(headers, "list-unsubscribe") !== undefined
  ) {
    return { kind: "request", noAckReason: "list" };
  }
  if (
    NO_REPLY_LOCAL.test(localPartOf(input.fromAddress)) ||
    localPartOf(input.fromAddress) === "postmaster"
  ) {
    return { kind: "request", noAckReason: "no-reply" };
  }
  return { kind: "request" };
}
