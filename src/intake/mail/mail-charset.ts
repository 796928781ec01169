import chardet from "chardet";
import iconv from "iconv-lite";

/**
 * Text in the charsets real mail brings, beyond what mailparser decodes on its own: HZ (7-bit GB2312,
 * RFC 1843), parts and headers whose label is missing or wrong (a gateway's `us-ascii` or `iso-8859-1`
 * over TIS-620 or UTF-8 bytes), and raw 8-bit headers with no label at all. Thai comes first in the
 * guesses: chardet takes short Thai text for GB18030, so Thai is recognised by its own spelling rules.
 */

const TILDE = 0x7e;

/** HZ-GB-2312 (RFC 1843): ASCII, with `~{` … `~}` shifting to GB2312 written as 7-bit byte pairs. */
export function decodeHz(bytes: Uint8Array): string {
  let out = "";
  let gb: number[] = [];
  let inGb = false;
  const flushGb = () => {
    if (gb.length > 0) out += iconv.decode(Buffer.from(gb), "gb2312");
    gb = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === TILDE && i + 1 < bytes.length) {
      const next = bytes[i + 1]!;
      if (next === 0x7b /* { */) {
        inGb = true;
        i++;
        continue;
      }
      if (next === 0x7d /* } */) {
        flushGb();
        inGb = false;
        i++;
        continue;
      }
      if (!inGb && next === TILDE) {
        out += "~";
        i++;
        continue;
      }
      if (!inGb && next === 0x0a) {
        i++; // a soft line break
        continue;
      }
    }
    if (inGb && b >= 0x21 && b <= 0x7e && i + 1 < bytes.length) {
      const trail = bytes[i + 1]!;
      if (trail >= 0x21 && trail <= 0x7e) {
        gb.push(b | 0x80, trail | 0x80);
        i++;
        continue;
      }
    }
    if (inGb && (b === 0x0a || b === 0x0d)) {
      // A line break inside GB mode is not HZ; writers that forget `~}` are common, so go back to ASCII.
      flushGb();
      inGb = false;
    }
    flushGb();
    out += String.fromCharCode(b & 0x7f);
  }
  flushGb();
  return out;
}

/** The inverse of `decodeHz`, for the tests and the corpus: GB2312 runs between `~{` and `~}`. */
export function encodeHz(text: string): Buffer {
  const out: number[] = [];
  let inGb = false;
  for (const ch of text) {
    const gb = ch.charCodeAt(0) < 0x80 ? undefined : iconv.encode(ch, "gb2312");
    if (gb && gb.length === 2 && gb[0]! >= 0xa1 && gb[1]! >= 0xa1) {
      if (!inGb) out.push(TILDE, 0x7b);
      inGb = true;
      out.push(gb[0]! & 0x7f, gb[1]! & 0x7f);
      continue;
    }
    if (inGb) out.push(TILDE, 0x7d);
    inGb = false;
    if (ch === "~") out.push(TILDE, TILDE);
    else out.push(ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : 0x3f);
  }
  if (inGb) out.push(TILDE, 0x7d);
  return Buffer.from(out);
}

const isHz = (charset: string) => /^(hz|hz-gb-2312|hz-gb2312|x-hz)$/i.test(charset.trim());

/** Decodes bytes in a named charset, HZ included; an unknown name falls back to a guess. */
export function decodeCharset(bytes: Uint8Array, charset: string): string {
  if (isHz(charset)) return decodeHz(bytes);
  const name = charset.trim().toLowerCase();
  if (/^(tis-?620|iso-8859-11|x-windows-874|cp874)$/.test(name))
    return iconv.decode(Buffer.from(bytes), "windows-874");
  if (iconv.encodingExists(name)) return iconv.decode(Buffer.from(bytes), name);
  return iconv.decode(Buffer.from(bytes), guessCharset(bytes));
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasEightBit = (bytes: Uint8Array) => bytes.some((b) => b >= 0x80);

// TIS-620 letters: consonants 0xA1–0xCE; marks that must sit on a consonant (or on a vowel mark).
const isConsonant = (b: number) => b >= 0xa1 && b <= 0xce;
const isCombining = (b: number) => b === 0xd1 || (b >= 0xd4 && b <= 0xda) || (b >= 0xe7 && b <= 0xee);
const isThaiByte = (b: number) => (b >= 0xa1 && b <= 0xda) || (b >= 0xdf && b <= 0xfb);

/**
 * Thai in TIS-620 / windows-874, judged by Thai spelling rather than statistics: nearly every high
 * byte is a Thai letter, letters come in runs, and a combining vowel or tone mark follows a letter.
 */
export function looksLikeTis620(bytes: Uint8Array): boolean {
  let high = 0;
  let thai = 0;
  let combining = 0;
  let misplaced = 0;
  let run = 0;
  let longestRun = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      run = 0;
      continue;
    }
    high++;
    run++;
    longestRun = Math.max(longestRun, run);
    if (isThaiByte(b)) thai++;
    if (isCombining(b)) {
      combining++;
      const prev = i > 0 ? bytes[i - 1]! : 0;
      if (!isConsonant(prev) && !isCombining(prev) && prev !== 0xd3) misplaced++;
    }
  }
  return high > 0 && longestRun >= 3 && thai >= high * 0.9 && misplaced <= combining * 0.05;
}

/** The charset of unlabelled (or wrongly labelled) 8-bit bytes: UTF-8, then Thai, then chardet. */
export function guessCharset(bytes: Uint8Array): string {
  if (!hasEightBit(bytes) || isValidUtf8(bytes)) return "utf-8";
  if (looksLikeTis620(bytes)) return "windows-874";
  const guess = chardet.detect(Buffer.from(bytes));
  return guess && iconv.encodingExists(guess) ? guess : "windows-1252";
}

const ASCII_LABELS = /^(us-ascii|ascii|ansi_x3\.4-1968|utf-8|utf8)$/i;
const LATIN_LABELS = /^(iso-8859-1|iso_8859-1|latin1|l1|windows-1252|cp1252|iso-8859-15)$/i;

/**
 * The charset to read a text part with, given its label and its bytes. Returns undefined when the label
 * can be trusted. A label claiming ASCII or UTF-8 over bytes that are not, or Latin-1 over valid UTF-8 or
 * Thai, is what gateways and old clients write.
 */
export function correctedCharset(label: string | undefined, bytes: Uint8Array): string | undefined {
  const name = (label ?? "").trim();
  if (isHz(name)) return "hz-gb-2312";
  if (!hasEightBit(bytes)) return undefined;
  if (name === "" || ASCII_LABELS.test(name)) {
    return isValidUtf8(bytes) ? undefined : guessCharset(bytes);
  }
  if (LATIN_LABELS.test(name)) {
    if (isValidUtf8(bytes)) return "utf-8";
    if (looksLikeTis620(bytes)) return "windows-874";
  }
  return undefined;
}
