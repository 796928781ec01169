/** TR-3: the longest comment kept with a rating. */
export const MAX_COMMENT_CHARS = 1000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/g;
// Zero-width and bidi-control characters: invisible, they only hide or disguise what was written.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A comment as it is kept: NFC, SARA AM composed (NFC leaves NIKHAHIT + SARA AA apart), control and
 * invisible characters removed, spaces tidied; null when nothing is left. Undefined when it is longer
 * than MAX_COMMENT_CHARS once cleaned (the caller refuses it with a reason: nothing is cut silently).
 */
export function cleanComment(raw: string | undefined | null): string | null | undefined {
  if (raw === undefined || raw === null) return null;
  const text = raw
    .replace(LONE_SURROGATE, "")
    .normalize("NFC")
    .replace(/\u0E4D\u0E32/g, "\u0E33")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (text.length > MAX_COMMENT_CHARS) return undefined;
  return text || null;
}

/** A rating as given: a whole number 1 to 5, from a form field or a postback; else undefined. */
export function parseRating(raw: unknown): number | undefined {
  const text = typeof raw === "number" ? String(raw) : raw;
  return typeof text === "string" && /^[1-5]$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
