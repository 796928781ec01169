import { normalEmailAddress } from "../../platform/email-address.js";

/**
 * Why a From (or Reply-To) header gave no address Borikan may answer. `absent`: none was given (an
 * empty field, `<>`, an empty group); `no-at`: something stands where the address should, without
 * `@`; `unclear`: the header does not read one way only (an unquoted local part with spaces, a stray
 * bracket, words after the address); `several`: more than one mailbox; `invalid`: one address that is
 * not a valid one (a trailing dot, two `@`, bad domain syntax).
 */
export type AddressProblem = "absent" | "no-at" | "unclear" | "several" | "invalid";

export interface ReadMailbox {
  /** The one valid address the header names, lower-case; undefined when `problem` is set. */
  address?: string;
  /** The display name as written (encoded-words not decoded here), or the comment's text. */
  name: string;
  problem?: AddressProblem;
}

interface Pieces {
  angles: string[];
  /** Text outside quotes, brackets and comments, with the quoted strings' content. */
  words: string;
  /** Text outside quotes, brackets and comments only: where an address may stand bare. */
  bare: string;
  afterAngle: string;
  comments: string[];
  broken: boolean;
}

/** Splits a header value into its pieces, noting a stray bracket or an unclosed quote or comment. */
function piecesOf(value: string): Pieces {
  const p: Pieces = { angles: [], words: "", bare: "", afterAngle: "", comments: [], broken: false };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') {
      let text = "";
      for (i++; i < value.length && value[i] !== '"'; i++) text += value[i] === "\\" ? value[++i] : value[i];
      if (i >= value.length) p.broken = true;
      p.words += text;
      if (p.angles.length) p.afterAngle += "x";
    } else if (c === "(") {
      let depth = 1;
      let text = "";
      for (i++; i < value.length && depth > 0; i++) {
        if (value[i] === "(") depth++;
        else if (value[i] === ")") depth--;
        if (depth > 0) text += value[i];
      }
      i--;
      if (depth > 0) p.broken = true;
      p.comments.push(text.trim());
    } else if (c === "<") {
      const end = value.indexOf(">", i);
      if (end < 0 || value.slice(i + 1, end).includes("<")) p.broken = true;
      p.angles.push(value.slice(i + 1, end < 0 ? undefined : end).trim());
      i = end < 0 ? value.length : end;
    } else if (c === ">" || c === ")") {
      p.broken = true;
    } else {
      p.words += c;
      p.bare += c;
      if (p.angles.length && !/\s/.test(c)) p.afterAngle += c;
    }
  }
  return p;
}

/**
 * Reads a From or Reply-To header strictly, as it stands in the message. It is never guessed at: a
 * header that does not name exactly one valid address gives none, with the reason, and the caller
 * keeps the raw header for an officer to read (the parser once read `john smith@example.com` as
 * `smith@example.com` and an acknowledgement went to that other person, CH-4).
 */
export function readMailbox(raw: string | undefined): ReadMailbox {
  const value = (raw ?? "").replace(/\r?\n[ \t]+/g, " ").trim();
  if (!value) return { name: "", problem: "absent" };
  const p = piecesOf(value);
  const name = p.words.replace(/\s+/g, " ").trim() || p.comments[0] || "";
  if (p.broken) return { name: value, problem: "unclear" };
  if (p.angles.length > 1) return { name: value, problem: "several" };
  if (p.angles.length === 1) {
    const [inside] = p.angles as [string];
    // A group's end (`;`) or a comma before the address belongs to an unquoted name ("Smith, John");
    // an `@` outside the brackets is a second address, unless it only repeats the first.
    const outsideAts = p.bare.split(/[\s,;]+/).filter((w) => w.includes("@"));
    if (outsideAts.some((w) => w.toLowerCase() !== inside.toLowerCase()))
      return { name: value, problem: "several" };
    if (p.afterAngle.replace(/[,;]/g, "")) return { name: value, problem: "unclear" };
    if (!inside) return { name, problem: "absent" };
    const address = normalEmailAddress(inside);
    if (!address) return { name: value, problem: inside.includes("@") ? "invalid" : "no-at" };
    return { name: outsideAts.length ? "" : name, address };
  }
  // No angle brackets: the whole value (comments aside) must be one bare address.
  const words = p.bare
    .trim()
    .split(/\s+/)
    .filter((w) => w && w !== ";");
  const withAt = words.filter((w) => w.includes("@"));
  if (withAt.length === 0) {
    // `undisclosed-recipients:;` is an empty group: no address at all.
    return /^[^:]*:\s*;?$/.test(value) ? { name: "", problem: "absent" } : { name: value, problem: "no-at" };
  }
  if (withAt.length > 1 || /[,;]/.test(p.bare.replace(/;\s*$/, ""))) {
    return { name: value, problem: withAt.length > 1 ? "several" : "unclear" };
  }
  if (words.length > 1) return { name: value, problem: "unclear" };
  const address = normalEmailAddress(withAt[0]);
  if (!address) return { name: value, problem: "invalid" };
  return { name: p.comments[0] ?? "", address };
}

interface ParsedAddresses {
  value: { address?: string; name?: string; group?: { address?: string; name?: string }[] }[];
}

/** The sender fields of an IncomingMail, read from the raw headers (see `readMailbox`). */
export interface SenderFields {
  /** The one valid address From names, with its display name; undefined when it names none cleanly. */
  from: { name: string; address: string } | undefined;
  /** Why From gave no address; undefined when it gave one. */
  fromProblem: AddressProblem | undefined;
  /** The From header exactly as received (unfolded), kept when it is read (RG-4). */
  rawFrom: string | undefined;
  replyTo: string | undefined;
  replyToProblem: AddressProblem | undefined;
}

/**
 * Reads From and Reply-To from the header lines strictly; mailparser's reading is used only for the
 * display name it decoded (encoded-words), and only when it found the same address.
 */
export function senderFields(
  headers: { key: string; value: string }[],
  parsedFrom: ParsedAddresses | ParsedAddresses[] | undefined,
): SenderFields {
  const rawFrom = headers.find((h) => h.key === "from")?.value;
  const rawReplyTo = headers.find((h) => h.key === "reply-to")?.value;
  const from = readMailbox(rawFrom);
  const replyTo = readMailbox(rawReplyTo);
  const first = (Array.isArray(parsedFrom) ? parsedFrom[0] : parsedFrom)?.value[0];
  const decodedName =
    first?.address && from.address && first.address.toLowerCase() === from.address ? first.name : undefined;
  return {
    from: from.address ? { name: (decodedName ?? from.name).trim(), address: from.address } : undefined,
    fromProblem: from.problem,
    rawFrom,
    replyTo: replyTo.address,
    replyToProblem: rawReplyTo === undefined ? undefined : replyTo.problem,
  };
}
