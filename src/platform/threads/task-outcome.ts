import { types } from "node:util";
import { AppError, type ErrorCode } from "../errors.js";

/**
 * What crosses back from a thread. An error is sent as its parts and rebuilt on this side, because a
 * structured clone keeps only the message of an Error: an `AppError` would arrive without its code, and
 * a bad file that is a 4xx inline would become a 5xx in the pool.
 */
export type TaskOutcome<O> = { ok: true; value: O } | { ok: false; error: SentError };

interface SentError {
  name: string;
  message: string;
  stack: string | undefined;
  code: string | undefined;
  params: Record<string, string | number> | undefined;
}

export function sendError(error: unknown): SentError {
  const e = error instanceof Error ? error : new Error(String(error));
  const { code, params } = e as { code?: unknown; params?: unknown };
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: typeof code === "string" ? code : undefined,
    // By name, not instanceof: in a thread the task's AppError and this file's may be two loads of one class.
    params:
      e.name === "AppError" && params && typeof params === "object"
        ? (params as SentError["params"])
        : undefined,
  };
}

/** The error as the inline call would have thrown it: an AppError with its code, else an Error alike. */
export function reviveError(sent: SentError): Error {
  if (sent.name === "AppError" && sent.code) return new AppError(sent.code as ErrorCode, sent.params);
  const error = Object.assign(new Error(sent.message), sent.code ? { code: sent.code } : {});
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  return error;
}

/**
 * The buffers a result may give away instead of copying: views that span their whole ArrayBuffer, in the
 * value, an array of it, or a plain object's fields (to depth 3). A view on a shared slab (Node's small
 * Buffer pool) is copied, as moving it would empty every other Buffer on that slab.
 */
export function movableBuffers(value: unknown, depth = 0, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (types.isArrayBufferView(value)) {
    const buffer = value.buffer;
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength)
      found.add(buffer);
  } else if (depth < 3 && value !== null && typeof value === "object") {
    const items = Array.isArray(value) ? value : isPlain(value) ? Object.values(value) : [];
    for (const item of items) movableBuffers(item, depth + 1, found);
  }
  return [...found];
}

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
