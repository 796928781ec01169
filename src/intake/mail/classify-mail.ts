/**
 * What a message is, from its headers alone — decided before anything in it is opened (CH-6), and
 * before anyone is answered (CH-4: never answer automatic mail, so no mail loops).
 */
import { automaticVerdict, type UnsureReason } from "./automatic-mail.js";

/** One header line as it stands in the message, top first (the order matters: see `trustedHeaders`). */
export interface HeaderLine {
  /** Lower-case field name. */
  key: string;
  /** The unfolded value, without the name. */
  value: string;
}

export type FolderRole = "inbox" | "junk" | "other";

export type HeldReason = "junk-folder" | "spam-verdict" | "own-domain-auth-fail";
export type NoAckReason = UnsureReason;

export type MailKind =
  | { kind: "held"; reason: HeldReason }
  | { kind: "bounce" }
  /** `sign`: the rule of automatic-mail.ts that recognised it. */
  | { kind: "auto-reply"; sign?: string }
  | { kind: "request"; noAckReason?: NoAckReason };

export interface ClassifyInput {
  headers: HeaderLine[];
  fromAddress: string | undefined;
  subject: string;
  /** The top-level content type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
  /** True when some part is `message/delivery-status` (a bounce wrapped in multipart/mixed). */
  deliveryStatusPart?: boolean;
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

  // CH-4: automatic mail, by the first of its signs (see the ordered table in automatic-mail.ts).
  const verdict = automaticVerdict({ ...input, deliveryStatusPart: input.deliveryStatusPart ?? false });
  if (verdict?.kind === "auto-reply") return { kind: "auto-reply", sign: verdict.rule };
  if (verdict)
    return verdict.kind === "bounce"
      ? { kind: "bounce" }
      : { kind: "request", noAckReason: verdict.noAckReason };
  return { kind: "request" };
}
