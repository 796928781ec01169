import { queryTermsOf } from "../catalog/index.js";
import { AppError } from "../platform/errors.js";
import { formString } from "../platform/http/form-fields.js";
import { decodeCursor, type KeysetCursor } from "./keyset-cursor.js";

// Zero-width spaces, joiners and the BOM: invisible, and they would cut a Thai word in two.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Thai text as typed on any keyboard: SARA AM typed as NIKHAHIT + SARA AA (what NFC leaves alone) made
 * one character, invisible characters dropped, so a query and an entry cut into the same words.
 */
export function normaliseThai(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE, "").replaceAll("\u0E4D\u0E32", "\u0E33");
}

export interface FaqParams {
  q: string;
  service: string;
  after?: KeysetCursor;
  afterText: string;
}

const SERVICE_CODE = /^[A-Za-z0-9._-]{1,64}$/;

/** The public FAQ's query: q (up to 200 characters), service (a code), after (a cursor we made). */
export function parseFaqParams(query: unknown): FaqParams {
  const raw = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const q = normaliseThai(formString(raw.q, "q", 200)).trim();
  const service = formString(raw.service, "service", 64).trim();
  if (service && !SERVICE_CODE.test(service)) throw new AppError("FAQ_QUERY_INVALID", { param: "service" });
  const afterText = formString(raw.after, "after", 200);
  const after = afterText ? decodeCursor(afterText) : undefined;
  if (afterText && !after) throw new AppError("FAQ_QUERY_INVALID", { param: "after" });
  return { q, service, after, afterText };
}

/** The words the query is searched by; a query of no searchable word is none. */
export const faqParamTerms = (params: FaqParams) => (params.q ? queryTermsOf(params.q) : []);

export function faqHref(path: string, params: { q?: string; service?: string; after?: string }): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
