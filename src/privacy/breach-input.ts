import { fromLocal, isValidDate } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
const invalid = (field: string) => new AppError("BREACH_INVALID", { detail: field }, { field });

/** A `datetime-local` value (agency time) as an instant; anything else is BREACH_INVALID for `field`. */
export function localInstant(value: unknown, field: string, timeZone: string): Date {
  if (typeof value !== "string") throw invalid(field);
  const match = LOCAL_TIME.exec(value.trim());
  if (!match || !isValidDate(match[1]!)) throw invalid(field);
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) throw invalid(field);
  return fromLocal(match[1]!, hours * 60 + minutes, timeZone);
}

/** Text of at most `max` characters; required unless `optional`. */
export function breachText(value: unknown, field: string, max: number, optional = false): string {
  if (value !== undefined && typeof value !== "string") throw invalid(field);
  const text = (value ?? "").trim();
  if ((!optional && text === "") || text.length > max) throw invalid(field);
  return text;
}

/** One of `allowed`, or BREACH_INVALID for `field`. */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) throw invalid(field);
  return value as T;
}

/** A time that must not be in the future (BREACH_DATE_IN_FUTURE). A minute's grace for clock skew. */
export function notFuture(at: Date, field: string, now: Date): Date {
  if (at.getTime() > now.getTime() + 60_000) throw new AppError("BREACH_DATE_IN_FUTURE", {}, { field });
  return at;
}

export { invalid as breachInvalid };
