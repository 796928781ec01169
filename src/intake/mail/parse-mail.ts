import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { HeaderLine } from "./classify-mail.js";
import { type AddressProblem, senderFields } from "./mail-address.js";
import { withCorrectedCharsets } from "./mail-body-text.js";
import { scanMime } from "./mime-scan.js";
import { type MailFile, unpackMail } from "./unpack-attachments.js";

/** A mail as the intake needs it, read by mailparser (Thai legacy charsets via iconv-lite included). */
export interface IncomingMail {
  messageId: string | undefined;
  /** The one valid address From names, read strictly (see mail-address.ts); never a guess. */
  from: { name: string; address: string } | undefined;
  /** Why From named no address Borikan may answer; undefined when it named one. */
  fromProblem: AddressProblem | undefined;
  /** The From header as received, kept for the officer when it did not read cleanly. */
  rawFrom: string | undefined;
  replyTo: string | undefined;
  replyToProblem: AddressProblem | undefined;
  to: string[];
  subject: string;
  /** The sender's own Date header: a claim (CH-3). */
  date: Date | undefined;
  inReplyTo: string | undefined;
  references: string[];
  /** Plain text; from the HTML when the mail has no plain part. */
  text: string;
  html: string | undefined;
  contentType: string;
  headers: HeaderLine[];
  /** Files, with those inside TNEF, forwarded mail and uuencoded blocks (see unpack-attachments.ts). */
  attachments: MailFile[];
  /** Set when the MIME structure could not be read; what could be read is still here. */
  parseError: string | undefined;
}

const allAddresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((g) =>
    g.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])),
  );

const DEFAULT_NAMES: Record<string, string> = { "message/rfc822": "message.eml" };

function fromParsed(parsed: ParsedMail, parseError?: string): IncomingMail {
  const headers: HeaderLine[] = parsed.headerLines.map((h) => ({
    key: h.key,
    value: h.line
      .slice(h.line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim(),
  }));
  const contentType = headers.find((h) => h.key === "content-type")?.value ?? "text/plain";
  const references = parsed.references
    ? Array.isArray(parsed.references)
      ? parsed.references
      : parsed.references.split(/\s+/)
    : [];
  return {
    messageId: parsed.messageId?.trim() || undefined,
    ...senderFields(headers, parsed.from),
    to: [...allAddresses(parsed.to), ...allAddresses(parsed.cc)],
    subject: (parsed.subject ?? "").replace(/\s+/g, " ").trim(),
    date:
      parsed.headers.has("date") && parsed.date && !Number.isNaN(parsed.date.getTime())
        ? parsed.date
        : undefined,
    inReplyTo: parsed.inReplyTo?.trim() || undefined,
    references: references.filter(Boolean),
    text: (parsed.text ?? "").replace(/\r\n/g, "\n").trim(),
    html: typeof parsed.html === "string" ? parsed.html : undefined,
    contentType,
    headers,
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename ?? DEFAULT_NAMES[a.contentType] ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      content: a.content,
    })),
    parseError,
  };
}

/**
 * Reads a raw message. Mail that breaks the MIME rules is common (a missing final boundary, bad base64):
 * mailparser reads what it can; should it throw, the headers alone are read, so the item is still
 * registered, with the raw message as its record (RG-4), and the problem noted.
 */
export async function parseMail(raw: Buffer, depth = 0): Promise<IncomingMail> {
  const leaves = scanMime(raw);
  try {
    // Text parts with a missing or wrong charset label are read in the charset they are really in.
    const readable = withCorrectedCharsets(raw, leaves) ?? raw;
    const parsed = await simpleParser(readable, {
      skipImageLinks: true,
      skipTextLinks: true,
      skipTextToHtml: true,
      // HTML-only mail gets its text from htmlToText (mail-body-text.ts), the same for every path.
      skipHtmlToText: true,
    });
    return await unpackMail(fromParsed(parsed), leaves, depth, parseMail);
  } catch (error) {
    const problem = String((error as Error).message ?? error);
    const end = raw.indexOf("\r\n\r\n");
    const head = end >= 0 ? raw.subarray(0, end + 4) : raw;
    try {
      return fromParsed(await simpleParser(Buffer.concat([head, Buffer.from("\r\n")])), problem);
    } catch {
      // Not even the headers read: an item without sender or subject, its raw bytes the record.
      return { ...EMPTY_MAIL, text: raw.toString("latin1").slice(0, 10_000), parseError: problem };
    }
  }
}

const EMPTY_MAIL: IncomingMail = {
  messageId: undefined,
  from: undefined,
  fromProblem: "absent",
  rawFrom: undefined,
  replyTo: undefined,
  replyToProblem: undefined,
  to: [],
  subject: "",
  date: undefined,
  inReplyTo: undefined,
  references: [],
  text: "",
  html: undefined,
  contentType: "text/plain",
  headers: [],
  attachments: [],
  parseError: undefined,
};

const THAI = /[\u0e01-\u0e5b]/;

/** "th" when the text has Thai letters, else "en": the language the sender wrote in. */
export const languageOf = (text: string): "th" | "en" => (THAI.test(text) ? "th" : "en");
