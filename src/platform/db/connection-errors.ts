/**
 * #18 shared: errors that say the database cannot be reached right now (PostgreSQL restarted, failed
 * over, or out of connections), as opposed to a query that is wrong. The request may be tried again in a
 * few seconds, so it is answered 503 with Retry-After, never 500. A transaction cut short stored nothing;
 * one whose commit landed before the answer was lost holds a whole registration, never half of one.
 */

/** Seconds a client is asked to wait: a fast restart or a replica's promotion takes about this long. */
export const DATABASE_RETRY_SECONDS = 5;

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash, starting
// up), and 53300 (too many connections).
const UNAVAILABLE_STATE = /^(08...|57P0[1-4]|53300)$/;
// What node-postgres and Node's sockets say when the server went away or never answered.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
// Only failures to connect: a reset (ECONNRESET) also comes from a browser cutting its upload short, and
// node-postgres reports a server that went away mid-query as "Connection terminated" anyway.
const CONNECT_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "EAI_AGAIN"]);

/**
 * True when `error` (or an AggregateError's first error, as Node gives for a refused connection to a
 * host with several addresses) says the database is out of reach.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown[] } | undefined;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && UNAVAILABLE_STATE.test(e.code)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (typeof e.code === "string" && CONNECT_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0) return isDatabaseUnavailable(e.errors[0]);
  return false;
}
