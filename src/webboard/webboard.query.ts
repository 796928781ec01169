import { AppError } from "../platform/errors.js";
import type { TopicCursor } from "./webboard.repo.js";

export const WEBBOARD_PAGE_SIZE = 20;
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)~([0-9a-f-]{36})$/;
export const TOPIC_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The list's query as the browser sends it: `q` words, `service` code, `after` cursor. */
export interface WebboardParams {
  q: string;
  service: string;
  after: string;
}

function single(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  if (value === undefined) return "";
  if (typeof value !== "string") throw new AppError("WEBBOARD_QUERY_INVALID", { param: name });
  return value;
}

/** The list's filters; a malformed one is refused with WEBBOARD_QUERY_INVALID {param} (400). */
export function parseWebboardParams(raw: unknown): WebboardParams {
  const query = (raw ?? {}) as Record<string, unknown>;
  const params = {
    q: single(query, "q").slice(0, 200).trim(),
    service: single(query, "service").trim(),
    after: single(query, "after").trim(),
  };
  if (params.service !== "" && !SERVICE.test(params.service))
    throw new AppError("WEBBOARD_QUERY_INVALID", { param: "service" });
  if (params.after !== "" && !CURSOR.test(params.after))
    throw new AppError("WEBBOARD_QUERY_INVALID", { param: "after" });
  return params;
}

export function parseCursor(text: string): TopicCursor | undefined {
  const match = CURSOR.exec(text);
  return match ? { at: match[1]!, id: match[2]! } : undefined;
}

export const cursorText = (cursor: TopicCursor) => `${cursor.at}~${cursor.id}`;

/** `path` with the non-empty parameters as its query. */
export function webboardHref(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
