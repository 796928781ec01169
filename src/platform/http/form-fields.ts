import { AppError } from "../errors.js";

/**
 * A form as parsed: urlencoded (`parseUrlencoded`) or multipart (`readMultipart`) turn a repeated field
 * into a list, as browsers send checkboxes; a JSON body may hold anything. Read fields only through
 * `formString` / `formList`, which refuse what is not text.
 */
export type Form = Record<string, unknown>;

/** The longest value any field may have; fields with a tighter limit pass their own `max`. */
export const MAX_FIELD_CHARS = 100_000;

// Control characters other than tab and line breaks: PostgreSQL refuses NUL, and none belongs in a form.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks one text value: no control characters, no text that was not valid UTF-8 (decoders turn such
 * bytes into U+FFFD; lone surrogates), at most `max` characters. Throws a 400 naming the field.
 */
export function checkText(value: string, field: string, max = MAX_FIELD_CHARS): string {
  if (value.length > max) throw new AppError("FIELD_TOO_LONG", { field, max }, { field });
  if (CONTROL.test(value) || value.includes("\uFFFD") || LONE_SURROGATE.test(value))
    throw new AppError("FIELD_TEXT_INVALID", { field }, { field });
  return value;
}

/** The form itself: a body that is not an object (a JSON list or string) is refused. */
export function asForm(body: unknown): Form {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body) || Buffer.isBuffer(body))
    throw new AppError("BODY_INVALID", { detail: "form" });
  return body as Form;
}

/** One field's value: "" when absent; a repeated field, a list or an object is refused (400). */
export function formString(v: unknown, field = "", max = MAX_FIELD_CHARS): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) throw new AppError("FIELD_REPEATED", { field }, { field });
  if (typeof v !== "string") throw new AppError("FIELD_NOT_TEXT", { field }, { field });
  return checkText(v, field, max);
}

/** A field that may repeat (checkboxes), as a list of at most `maxItems` texts. */
export function formList(v: unknown, field = "", max = MAX_FIELD_CHARS, maxItems = 100): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v];
  if (list.length > maxItems) throw new AppError("FIELD_REPEATED", { field }, { field });
  return list.map((one) => {
    if (typeof one !== "string") throw new AppError("FIELD_NOT_TEXT", { field }, { field });
    return checkText(one, field, max);
  });
}

/** An optional field: undefined when absent or empty. */
export const formOptional = (v: unknown, field = "", max = MAX_FIELD_CHARS): string | undefined =>
  formString(v, field, max) || undefined;

/**
 * An application/x-www-form-urlencoded body, strictly: bytes that are not UTF-8 and broken %-escapes
 * are refused instead of silently becoming U+FFFD. A repeated name becomes a list.
 */
export function parseUrlencoded(body: Buffer, maxPairs = 1000): Form {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("BODY_INVALID", { detail: "not UTF-8" });
  }
  const form: Form = Object.create(null);
  if (text === "") return form;
  const pairs = text.split("&");
  if (pairs.length > maxPairs) throw new AppError("TOO_MANY_FIELDS", { max: maxPairs });
  for (const pair of pairs) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replaceAll("+", " "));
      value = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1).replaceAll("+", " "));
    } catch {
      throw new AppError("BODY_INVALID", { detail: "bad %-escape or not UTF-8" });
    }
    const seen = form[name];
    form[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return form;
}
