import { domainToASCII } from "node:url";

/*
 * A strict check of a mailbox address, written for Borikan rather than taken from a parser: a parser
 * is built to read whatever it is given, and reading `john smith@example.com` as `smith@example.com`
 * is how an acknowledgement once went to another person. Only what an SMTP server takes as an
 * RFC 5321 forward-path is accepted: a dot-atom local part (ASCII; quoted local parts are refused,
 * which real senders do not use) at a domain name of letters, digits and hyphens (an international
 * name is checked in its ASCII form), with at least two labels and no trailing dot. Address literals
 * (`user@[192.0.2.1]`) are refused.
 */

const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function validLocalPart(local: string): boolean {
  return local.length >= 1 && local.length <= 64 && local.split(".").every((atom) => ATOM.test(atom));
}

function validDomain(domain: string): boolean {
  if (!domain || domain.length > 253 || domain.endsWith(".") || /[\s[\]]/.test(domain)) return false;
  const ascii = /^[\x21-\x7e]+$/.test(domain) ? domain.toLowerCase() : domainToASCII(domain);
  if (!ascii || ascii.length > 253) return false;
  const labels = ascii.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TOP_LABEL.test(labels.at(-1)!);
}

/**
 * The address in the form Borikan keeps and sends to (trimmed, lower-case), or undefined when it is
 * not a valid mailbox address. Nothing invalid is stored as a sender or used as a recipient.
 */
export function normalEmailAddress(text: string | null | undefined): string | undefined {
  const address = text?.trim() ?? "";
  if (address.length < 3 || address.length > 254) return undefined;
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.indexOf("@") !== at) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return validLocalPart(local) && validDomain(domain) ? address.toLowerCase() : undefined;
}

export const isValidEmailAddress = (text: string | null | undefined): boolean =>
  normalEmailAddress(text) !== undefined;
