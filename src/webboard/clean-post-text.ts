import { AppError } from "../platform/errors.js";

/** The longest title and body a citizen may post (bad input: huge bodies). */
export const TITLE_MAX = 200;
export const BODY_MAX = 5000;

// Zero-width characters and bidi controls: invisible, they hide words from search and moderators and
// can reverse what a reader sees (a link that reads as another), so they are removed, not refused.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Any other control character (tab and line breaks aside), a lone surrogate or an undecodable byte.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Decomposed SARA AM: NIKHAHIT then SARA AA, a tone mark before or between them (น + ํ + ้ + า).
const SARA_AM = /([\u0E48-\u0E4B]?)\u0E4D([\u0E48-\u0E4B]?)\u0E32/g;
// Links, refused from citizens (phishing): a scheme, "www.", or a bare domain with a common ending.
const LINK =
  /\b(?:https?:\/\/|hxxps?:\/\/|www\.)|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|gov|edu|int|io|co|me|app|dev|xyz|top|online|site|shop|club|link|live|ly|gl|to|cc|tk|th|uk|us|cn|jp|ru|de|asia|in\.th|go\.th)\b/i;

export type PostField = "title" | "body";

/**
 * Cleans what a citizen typed into plain text to be stored and shown escaped (bad input): NFC,
 * decomposed SARA AM composed (also after or between tone marks), zero-width and bidi characters
 * removed, line breaks as "\n" (a title on one line), spaces trimmed. Throws a 422 naming `field`:
 * WEBBOARD_TEXT_INVALID (another control character), WEBBOARD_LINK_REFUSED (a link),
 * WEBBOARD_TEXT_TOO_LONG {max}, WEBBOARD_TEXT_EMPTY (nothing left). HTML stays text: it is escaped
 * on output, never interpreted.
 *
 * @example cleanPostText("น\u0E4D\u0E49\u0E32", "body") // "น\u0E49\u0E33" (น้ำ)
 */
export function cleanPostText(raw: string, field: PostField): string {
  const max = field === "title" ? TITLE_MAX : BODY_MAX;
  // Far past the limit: refused before any work on it.
  if (raw.length > max * 4) throw new AppError("WEBBOARD_TEXT_TOO_LONG", { field, max }, { field });
  let text = raw.replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
  if (CONTROL.test(text) || LONE_SURROGATE.test(text))
    throw new AppError("WEBBOARD_TEXT_INVALID", { field }, { field });
  text = text.normalize("NFC").replace(SARA_AM, "$1$2\u0E33");
  text =
    field === "title"
      ? text.replace(/\s+/g, " ").trim()
      : text
          .split("\n")
          .map((line) => line.replace(/[ \t]+$/, ""))
          .join("\n")
          .replace(/\n{3,}/g, "\n\n")
          .trim();
  if (text === "") throw new AppError("WEBBOARD_TEXT_EMPTY", { field }, { field });
  if (text.length > max) throw new AppError("WEBBOARD_TEXT_TOO_LONG", { field, max }, { field });
  if (LINK.test(text)) throw new AppError("WEBBOARD_LINK_REFUSED", { field }, { field });
  return text;
}
