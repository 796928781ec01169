import sanitizeHtml from "sanitize-html";
import { correctedCharset, decodeCharset } from "./mail-charset.js";
import type { MimeLeaf } from "./mime-scan.js";

/**
 * The body text of mail that has no plain part (HTML-only, as Gmail and Outlook send it): block elements
 * become line breaks, table cells are kept apart, entities are decoded, and scripts, styles and Office's
 * conditional XML are dropped. The language of the request is then read from this text.
 */
export function htmlToText(htmlText: string): string {
  const kept = sanitizeHtml(htmlText, {
    allowedTags: [...BLOCKS, "br", "td", "th", "li"],
    allowedAttributes: {},
    disallowedTagsMode: "discard",
    nonTextTags: ["style", "script", "textarea", "option", "noscript", "title", "head", "xml"],
  });
  // HTML collapses white space; line breaks come only from the markup. Inside a table cell (Outlook puts
  // a paragraph in each), blocks are only spaces, so a row stays on one line, its cells apart.
  let out = "";
  let cellDepth = 0;
  for (const token of kept.replace(/[ \t\r\n\f]+/g, " ").match(/<[^>]*>|[^<]+/g) ?? []) {
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(token);
    if (!tag) out += token;
    else if (/^t[dh]$/i.test(tag[2]!)) {
      cellDepth = Math.max(0, cellDepth + (tag[1] ? -1 : 1));
      out += tag[1] ? " \t " : " ";
    } else if (cellDepth > 0) out += " ";
    else if (tag[2]!.toLowerCase() === "br") out += "\n";
    else if (tag[2]!.toLowerCase() === "li" && !tag[1]) out += "\n- ";
    // A block only ends the line it is on; a blank line is an empty paragraph (Outlook's &nbsp;) or <br>.
    else if (!/\n *$/.test(out)) out += "\n";
  }
  return decodeEntities(out)
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) =>
      line
        .replace(/[ \t]*\t[ \t]*/g, "\t")
        .replace(/ +/g, " ")
        .replace(/^\t+|\t+$/g, "")
        .trim(),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const BLOCKS = [
  "p",
  "div",
  "tr",
  "table",
  "ul",
  "ol",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "hr",
  "address",
  "center",
  "section",
  "article",
  "header",
  "footer",
];

// sanitize-html re-escapes only these; the rest reached us as characters already.
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/**
 * A copy of the raw message in which each body text part whose charset label is missing or wrong
 * (see `correctedCharset`), or which is in HZ, is rewritten as UTF-8, so the parser reads it right.
 * Undefined when nothing needed correcting. The raw message itself stays the record (RG-4).
 */
export function withCorrectedCharsets(raw: Buffer, leaves: MimeLeaf[]): Buffer | undefined {
  const fixes: { leaf: MimeLeaf; text: string }[] = [];
  for (const leaf of leaves) {
    if (leaf.isAttachment) continue;
    const bytes = bodyBytes(raw, leaf);
    const charset = correctedCharset(leaf.charset, bytes);
    if (charset) fixes.push({ leaf, text: decodeCharset(bytes, charset) });
  }
  if (fixes.length === 0) return undefined;
  const pieces: Buffer[] = [];
  let at = 0;
  for (const { leaf, text } of fixes) {
    const headers = raw
      .toString("latin1", leaf.start, leaf.bodyStart)
      .replace(/\r?\n[ \t]+/g, " ")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "" && !/^content-(type|transfer-encoding)\s*:/i.test(line));
    headers.push(`Content-Type: ${leaf.contentType}; charset=utf-8`, "Content-Transfer-Encoding: base64");
    const body = (
      Buffer.from(text, "utf8")
        .toString("base64")
        .match(/.{1,76}/g) ?? []
    ).join("\r\n");
    pieces.push(
      raw.subarray(at, leaf.start),
      Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body}\r\n`, "latin1"),
    );
    at = leaf.end;
  }
  pieces.push(raw.subarray(at));
  return Buffer.concat(pieces);
}

/** A leaf's body with its transfer encoding undone. */
export function bodyBytes(raw: Buffer, leaf: MimeLeaf): Buffer {
  const body = raw.subarray(leaf.bodyStart, leaf.end);
  if (leaf.transferEncoding === "base64") return Buffer.from(body.toString("latin1"), "base64");
  if (leaf.transferEncoding === "quoted-printable") {
    return Buffer.from(
      body
        .toString("latin1")
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      "latin1",
    );
  }
  return body;
}
