import { decodeCharset, guessCharset } from "./mail-charset.js";

/**
 * A header value as a person should read it. Nearly every Thai subject arrives as RFC 2047 encoded-words
 * (`=?UTF-8?B?…?=`, often split mid-character across several words); old clients send raw 8-bit bytes
 * with no label at all (a TIS-620 subject), which are read by detection rather than as UTF-8.
 *
 * `value` is the header as received, one character per byte (latin1), as mailparser's header lines are.
 */
export function decodeHeaderText(value: string): string {
  const words = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = undefined;
  };
  for (let m = words.exec(value); m; m = words.exec(value)) {
    const between = value.slice(last, m.index);
    // RFC 2047 §6.2: white space between two encoded-words is not shown.
    if (!(pending && /^[ \t\r\n]*$/.test(between))) {
      flush();
      out += rawText(between);
    }
    const charset = m[1]!.toLowerCase();
    const bytes = m[2]!.toLowerCase() === "b" ? Buffer.from(m[3]!, "base64") : qDecode(m[3]!);
    // Adjacent words in one charset are joined before decoding: a Thai character may be split across two.
    if (pending && pending.charset !== charset) flush();
    pending ??= { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = m.index + m[0].length;
  }
  flush();
  out += rawText(value.slice(last));
  return out.replace(/\s+/g, " ").trim();
}

function qDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "_") bytes.push(0x20);
    else if (c === "=" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/** Unencoded header text: 7-bit as it is, raw 8-bit bytes by their detected charset. */
function rawText(text: string): string {
  // Already characters (not one per byte), or plain 7-bit: nothing to decode.
  if (!/[\x80-\xff]/.test(text) || [...text].some((c) => c.charCodeAt(0) > 0xff)) return text;
  const bytes = Buffer.from(text, "latin1");
  return decodeCharset(bytes, guessCharset(bytes));
}
