/** The text encodings a back-fill CSV is read in, as reported back to the officer. */
export type BackfillEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-874";

// Thai letters and signs in TIS-620 / Windows-874 occupy 0xA1–0xFB.
const isThaiByte = (b: number) => b >= 0xa1 && b <= 0xfb;

/**
 * PR-3: the bytes of a CSV as text. A BOM decides (UTF-8, UTF-16 LE/BE). Without one, the bytes are read
 * as strict UTF-8; when that fails and high bytes are in the Thai range of TIS-620 (most legacy Thai
 * registers were saved by Excel as Windows-874, a superset of TIS-620), they are decoded as Windows-874.
 * Anything else is not a text file this import reads: undefined.
 */
export function decodeBackfillText(
  bytes: Uint8Array,
): { text: string; encoding: BackfillEncoding } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return strict("utf-8", bytes.subarray(3), "utf-8-bom");
  if (a === 0xff && b === 0xfe) return strict("utf-16le", bytes.subarray(2), "utf-16le");
  if (a === 0xfe && b === 0xff) return strict("utf-16be", bytes.subarray(2), "utf-16be");
  if (bytes.includes(0)) return undefined; // binary, or UTF-16 without a BOM: refused, not guessed
  const utf8 = strict("utf-8", bytes, "utf-8");
  if (utf8) return utf8;
  const high = bytes.filter((x) => x >= 0x80);
  const thai = high.filter(isThaiByte).length;
  // Legacy Thai: nearly all high bytes are Thai letters (Windows-874 also has a few punctuation marks).
  if (high.length > 0 && thai / high.length >= 0.9) return strict("windows-874", bytes, "windows-874");
  return undefined;
}

function strict(label: string, bytes: Uint8Array, encoding: BackfillEncoding) {
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding };
  } catch {
    return undefined;
  }
}
