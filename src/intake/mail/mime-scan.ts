import { decodeHeaderText } from "./mail-header-text.js";

/**
 * A light walk over a raw message's MIME tree, for what mailparser smooths over: a part cut off by a
 * missing final boundary or damaged by broken base64 (mailparser returns whatever bytes it could read,
 * which would otherwise be stored as if complete), and where each text part's bytes are, so a wrong
 * charset label can be corrected. It reads headers and boundaries only; bodies are not copied.
 */
export interface MimeLeaf {
  /** Byte offsets in the raw message: the part's header block, its body, its end. */
  start: number;
  bodyStart: number;
  end: number;
  contentType: string;
  charset: string | undefined;
  transferEncoding: string;
  filename: string | undefined;
  isAttachment: boolean;
  /** The last part of a multipart whose closing boundary never came before the end of the message. */
  cutOff: boolean;
  /** Base64 with characters outside the alphabet, or a length that is not whole quartets. */
  badBase64: boolean;
}

const MAX_PARTS = 1000;
const MAX_DEPTH = 20;

export function scanMime(raw: Buffer): MimeLeaf[] {
  const leaves: MimeLeaf[] = [];
  walk(raw, 0, raw.length, false, 0, leaves);
  return leaves;
}

function walk(raw: Buffer, start: number, end: number, lastOfOpen: boolean, depth: number, out: MimeLeaf[]) {
  if (out.length >= MAX_PARTS) return;
  const { headers, bodyStart } = readHeaders(raw, start, end);
  const type = parseParams(headers.get("content-type") ?? "text/plain");
  const contentType = type.value.toLowerCase();
  const boundary = type.params.get("boundary");
  if (contentType.startsWith("multipart/") && boundary && depth < MAX_DEPTH) {
    const parts = splitMultipart(raw, bodyStart, end, boundary);
    parts.ranges.forEach(([s, e], i) => {
      const last = i === parts.ranges.length - 1;
      walk(raw, s, e, last && !parts.closed && isEndOfMessage(raw, e), depth + 1, out);
    });
    return;
  }
  const disposition = parseParams(headers.get("content-disposition") ?? "");
  const transferEncoding = (headers.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase();
  const filename = disposition.params.get("filename") ?? type.params.get("name");
  out.push({
    start,
    bodyStart,
    end,
    contentType,
    charset: type.params.get("charset"),
    transferEncoding,
    filename,
    isAttachment:
      disposition.value.toLowerCase() === "attachment" ||
      filename !== undefined ||
      !/^text\/(plain|html)$/.test(contentType),
    cutOff: lastOfOpen,
    badBase64: transferEncoding === "base64" && !isCleanBase64(raw, bodyStart, end),
  });
}

const isEndOfMessage = (raw: Buffer, at: number) => raw.subarray(at).every((b) => b <= 0x20);

function readHeaders(raw: Buffer, start: number, end: number) {
  // The header block ends at the first empty line; found line by line, so only the headers are read.
  let headerEnd = end;
  let bodyStart = end;
  const blankFirst = raw[start] === 0x0a || (raw[start] === 0x0d && raw[start + 1] === 0x0a);
  if (blankFirst) {
    headerEnd = start;
    bodyStart = Math.min(end, start + (raw[start] === 0x0d ? 2 : 1));
  }
  for (let at = start; !blankFirst && at < end; ) {
    const nl = raw.indexOf(0x0a, at);
    if (nl < 0 || nl >= end) break;
    if (raw[nl + 1] === 0x0a || (raw[nl + 1] === 0x0d && raw[nl + 2] === 0x0a)) {
      headerEnd = nl + 1;
      bodyStart = Math.min(end, nl + (raw[nl + 1] === 0x0a ? 2 : 3));
      break;
    }
    at = nl + 1;
  }
  const headers = new Map<string, string>();
  if (!blankFirst) {
    const text = raw.toString("latin1", start, headerEnd).replace(/\r?\n[ \t]+/g, " ");
    for (const line of text.split(/\r?\n/)) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
    }
  }
  return { headers, bodyStart };
}

/** The ranges between the delimiter lines, and whether the closing delimiter was found. */
function splitMultipart(raw: Buffer, start: number, end: number, boundary: string) {
  const delimiter = `--${boundary}`;
  const ranges: [number, number][] = [];
  let partStart = -1;
  let at = start;
  while (at < end) {
    const hit = raw.indexOf(delimiter, at, "latin1");
    if (hit < 0 || hit >= end) break;
    const atLineStart = hit === start || raw[hit - 1] === 0x0a;
    const after = hit + delimiter.length;
    if (!atLineStart) {
      at = after;
      continue;
    }
    const closing = raw[after] === 0x2d && raw[after + 1] === 0x2d;
    if (partStart >= 0) ranges.push([partStart, lineBreakBefore(raw, hit)]);
    if (closing) return { ranges, closed: true };
    const eol = raw.indexOf(0x0a, after);
    partStart = eol < 0 || eol >= end ? end : eol + 1;
    at = partStart;
    if (ranges.length >= MAX_PARTS) break;
  }
  if (partStart >= 0) ranges.push([partStart, end]);
  return { ranges, closed: false };
}

// The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
const lineBreakBefore = (raw: Buffer, at: number) =>
  raw[at - 1] === 0x0a ? at - (raw[at - 2] === 0x0d ? 2 : 1) : at;

// 1: base64 alphabet, 2: white space, 3: padding; 0: anything else.
const BASE64_CLASS = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  BASE64_CLASS[c.charCodeAt(0)] = 1;
for (const c of " \t\r\n") BASE64_CLASS[c.charCodeAt(0)] = 2;
BASE64_CLASS[0x3d] = 3;

// On every attachment's path: one pass over the bytes with a table, no copies.
function isCleanBase64(raw: Buffer, start: number, end: number): boolean {
  let count = 0;
  let padding = 0;
  for (let i = start; i < end; i++) {
    const kind = BASE64_CLASS[raw[i]!]!;
    if (kind === 1) {
      if (padding > 0) return false;
      count++;
    } else if (kind === 3) {
      padding++;
      count++;
    } else if (kind === 0) return false;
  }
  return count % 4 === 0 && padding <= 2;
}

/** A header value and its parameters, RFC 2231 continuations and charsets included. */
export function parseParams(value: string): { value: string; params: Map<string, string> } {
  const pieces = value.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const params = new Map<string, string>();
  const extended = new Map<string, { index: number; text: string; encoded: boolean }[]>();
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf("=");
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let text = piece.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, "$1");
    const ext = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (ext && (ext[2] !== undefined || ext[3])) {
      const list = extended.get(ext[1]!) ?? [];
      list.push({ index: Number(ext[2] ?? 0), text, encoded: Boolean(ext[3]) });
      extended.set(ext[1]!, list);
    } else params.set(key, decodeHeaderText(text));
  }
  for (const [key, list] of extended) {
    list.sort((a, b) => a.index - b.index);
    let charset = "utf-8";
    const bytes: Buffer[] = [];
    for (const [i, item] of list.entries()) {
      let text = item.text;
      if (item.encoded && i === 0) {
        const parts = /^([^']*)'[^']*'(.*)$/.exec(text);
        if (parts) {
          charset = parts[1] || charset;
          text = parts[2]!;
        }
      }
      bytes.push(item.encoded ? percentDecode(text) : Buffer.from(text, "latin1"));
    }
    params.set(key, decodeHeaderText(`=?${charset}?B?${Buffer.concat(bytes).toString("base64")}?=`));
  }
  return { value: (pieces[0] ?? "").trim(), params };
}

function percentDecode(text: string): Buffer {
  return Buffer.from(
    text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  );
}
