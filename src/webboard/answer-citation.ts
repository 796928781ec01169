import { AppError } from "../platform/errors.js";

/** The body and citation of an answer as the officer typed them (dates as d/m/yyyy, BE or CE). */
export interface CitationInput {
  body: string;
  regulation: string;
  effectiveOn: string;
  holdsAsOf: string;
}

export interface Citation {
  body: string;
  regulation: string;
  /** YYYY-MM-DD (CE). */
  regulationEffectiveOn: string;
  holdsAsOf: string;
}

export const MAX_ANSWER_BODY = 10_000;
export const MAX_REGULATION = 500;
const BE_OFFSET = 543;

/**
 * A date typed as day/month/year (also with - or . between), the year in the Buddhist era (2400 and
 * after: BE = CE + 543) or the common era; or YYYY-MM-DD from a date picker. Undefined when it is not
 * a real day (31/02, 29/02 outside a leap year) or outside 1900–2200 CE.
 */
export function parseAnswerDate(text: string): string | undefined {
  const t = text.normalize("NFC").trim();
  let day: number;
  let month: number;
  let year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return undefined;
  if (year >= 2400) year -= BE_OFFSET;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

const required = (value: string, field: string, max: number) => {
  const text = value.normalize("NFC").trim();
  if (!text) throw new AppError("ANSWER_FIELD_REQUIRED", { field }, { field });
  if (text.length > max) throw new AppError("FIELD_TOO_LONG", { field, max }, { field });
  return text;
};

/**
 * WB-3: an answer must say what it relies on. The body, the regulation, its effective date and the
 * date the answer holds as of are all required; the dates must be real days, the as-of date not before
 * the regulation took effect and not after `today` (the agency's date): an answer cannot vouch for a
 * future it has not seen. Throws ANSWER_FIELD_REQUIRED, ANSWER_DATE_INVALID, ANSWER_AS_OF_BEFORE_EFFECTIVE,
 * ANSWER_AS_OF_FUTURE (each a 400 naming the field).
 */
export function checkCitation(input: CitationInput, today: string): Citation {
  const body = required(input.body, "body", MAX_ANSWER_BODY);
  const regulation = required(input.regulation, "regulation", MAX_REGULATION);
  const effective = parseAnswerDate(required(input.effectiveOn, "effectiveOn", 20));
  if (!effective)
    throw new AppError("ANSWER_DATE_INVALID", { field: "effectiveOn" }, { field: "effectiveOn" });
  const asOf = parseAnswerDate(required(input.holdsAsOf, "holdsAsOf", 20));
  if (!asOf) throw new AppError("ANSWER_DATE_INVALID", { field: "holdsAsOf" }, { field: "holdsAsOf" });
  if (asOf < effective) throw new AppError("ANSWER_AS_OF_BEFORE_EFFECTIVE", {}, { field: "holdsAsOf" });
  if (asOf > today) throw new AppError("ANSWER_AS_OF_FUTURE", {}, { field: "holdsAsOf" });
  return { body, regulation, regulationEffectiveOn: effective, holdsAsOf: asOf };
}
