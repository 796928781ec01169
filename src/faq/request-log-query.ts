import { AppError } from "../platform/errors.js";
import { formString } from "../platform/http/form-fields.js";
import { decodeCursor, type KeysetCursor } from "./keyset-cursor.js";

export interface RequestLogParams {
  month: string;
  service: string;
  replied: "" | "yes" | "no";
  after?: KeysetCursor;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const invalid = (param: string) => new AppError("FAQ_QUERY_INVALID", { param });

/** The request log's filters: month (YYYY-MM), service (its id), replied (yes/no), after (a cursor). */
export function parseRequestLogParams(query: unknown): RequestLogParams {
  const raw = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const month = formString(raw.month, "month", 7);
  if (month && !MONTH.test(month)) throw invalid("month");
  const service = formString(raw.service, "service", 36);
  if (service && !UUID.test(service)) throw invalid("service");
  const replied = formString(raw.replied, "replied", 3);
  if (replied !== "" && replied !== "yes" && replied !== "no") throw invalid("replied");
  const afterText = formString(raw.after, "after", 200);
  const after = afterText ? decodeCursor(afterText) : undefined;
  if (afterText && !after) throw invalid("after");
  return { month, service, replied, after };
}

export const isUuid = (text: string) => UUID.test(text);
