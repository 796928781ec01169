import { AppError } from "../platform/errors.js";
import {
  REGISTER_STATUSES,
  type RegisterCursor,
  type RegisterQuery,
  type RegisterStatus,
} from "./public-register.repo.js";

export const REGISTER_PAGE_SIZE = 25;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)~([A-Za-z0-9-]{1,64})$/;

/** The register's query as the browser sends it (each parameter text, or absent). */
export interface RegisterParams {
  q: string;
  service: string;
  status: string;
  after: string;
}

/** A parameter's single text value; repeated or non-text → LICENCE_REGISTER_QUERY_INVALID. */
function single(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  if (value === undefined) return "";
  if (typeof value !== "string") throw new AppError("LICENCE_REGISTER_QUERY_INVALID", { param: name });
  return value;
}

/**
 * PR-1: the register's filters from a query string: `q` (cut to 200 characters, as the catalogue's
 * search), `service` (a service code), `status` (a current status), `after` (the next page's cursor).
 * A malformed one is refused with LICENCE_REGISTER_QUERY_INVALID {param}, never searched.
 */
export function parseRegisterParams(raw: unknown): RegisterParams {
  const query = (raw ?? {}) as Record<string, unknown>;
  const params = {
    q: single(query, "q").slice(0, 200).trim(),
    service: single(query, "service").trim(),
    status: single(query, "status").trim(),
    after: single(query, "after").trim(),
  };
  if (params.service !== "" && !SERVICE.test(params.service))
    throw new AppError("LICENCE_REGISTER_QUERY_INVALID", { param: "service" });
  if (params.status !== "" && !(REGISTER_STATUSES as readonly string[]).includes(params.status))
    throw new AppError("LICENCE_REGISTER_QUERY_INVALID", { param: "status" });
  if (params.after !== "" && !CURSOR.test(params.after))
    throw new AppError("LICENCE_REGISTER_QUERY_INVALID", { param: "after" });
  return params;
}

export function registerQuery(params: RegisterParams, limit = REGISTER_PAGE_SIZE): RegisterQuery {
  const cursor = CURSOR.exec(params.after);
  return {
    q: params.q || undefined,
    service: params.service || undefined,
    status: (params.status || undefined) as RegisterStatus | undefined,
    after: cursor ? { issuedAt: cursor[1]!, id: cursor[2]! } : undefined,
    limit,
  };
}

export const cursorText = (cursor: RegisterCursor): string => `${cursor.issuedAt}~${cursor.id}`;

/** The register's own query string for `params` with `change` applied (empty values left out). */
export function registerHref(
  path: string,
  params: Partial<RegisterParams> & Record<string, string | undefined>,
) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
