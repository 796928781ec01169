import crypto from "node:crypto";
import type { MultipartFile, MultipartValue } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { type Form, MAX_FIELD_CHARS } from "./form-fields.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by a guard that could not see the multipart body: the CSRF token its first field must carry. */
    pendingCsrfToken?: string;
  }
}

/** The first part must be the field `_csrf` equal to `expected`, or nothing of the body is read (CSRF_FAILED). */
function checkCsrfPart(part: { type: string; fieldname: string; value?: unknown }, expected: string) {
  const value = part.type === "field" && part.fieldname === "_csrf" ? part.value : undefined;
  const given = Buffer.from(typeof value === "string" ? value : "");
  const wanted = Buffer.from(expected);
  // Byte lengths, not string lengths: timingSafeEqual throws on buffers of different sizes.
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted))
    throw new AppError("CSRF_FAILED");
}

/** A file as it arrived, before the allow-list: its bytes, or why it was not even read in full. */
export interface ReceivedFile {
  filename: string;
  bytes: Uint8Array;
  /** Set when the transport refused it (too large, too many files, request too large), or the mail it came
   * in was cut off or its container could not be unpacked. */
  refusal?: "FILE_TOO_LARGE" | "TOO_MANY_FILES" | "REQUEST_TOO_LARGE" | "FILE_CUT_OFF" | "FILE_UNPACK_FAILED";
  size: number;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFiles: number;
}

/** What one form may carry besides its files: no Borikan form has more than a few dozen fields. */
export const MULTIPART_FIELDS = { maxFields: 100, maxParts: 300, maxHeaderBytes: 16 * 1024 } as const;
// A parser that has all the bytes it needs and still yields nothing for this long is stuck (below).
const STALL_MS = 1_000;

/**
 * Reads a multipart body into fields and files without ever refusing the whole request for one bad
 * file: a file over the per-file limit, past the file count or past the request total is kept as a
 * refusal with its name and its real size (counted while its bytes are dropped), so the rest is still
 * registered and the applicant told which file and why. A repeated field becomes a list, as in a
 * urlencoded form. A malformed body (no or a wrong boundary, cut short, a bad part header, too many
 * fields or parts) is a 4xx AppError, never a 500.
 * Throws CSRF_FAILED when a guard left the CSRF check to the first field and that field is not the token.
 */
export async function readMultipart(
  request: FastifyRequest,
  limits: MultipartLimits,
): Promise<{ fields: Form; files: ReceivedFile[] }> {
  const fields: Form = Object.create(null);
  const files: ReceivedFile[] = [];
  let total = 0;
  let streamed = 0;
  // Bytes are counted past the limits (for an honest size) but not without end.
  const ceiling = limits.maxRequestBytes * 4;
  const maxFileParts = limits.maxFiles * 2 + 10;
  const watchdog = stallWatchdog(request);
  let expectCsrf = request.pendingCsrfToken;
  try {
    const parts = request.parts({
      limits: {
        fileSize: Number.POSITIVE_INFINITY,
        files: maxFileParts,
        fields: MULTIPART_FIELDS.maxFields,
        fieldSize: MAX_FIELD_CHARS * 3,
        parts: MULTIPART_FIELDS.maxParts,
        headerSize: MULTIPART_FIELDS.maxHeaderBytes,
        headerPairs: 20,
      },
    });
    const iterator = parts[Symbol.asyncIterator]();
    for (;;) {
      const next = await watchdog.race(iterator.next());
      if (next.done) break;
      const part: MultipartFile | MultipartValue = next.value;
      if (expectCsrf !== undefined) {
        checkCsrfPart(part, expectCsrf);
        expectCsrf = undefined;
        continue;
      }
      if (part.type === "field") {
        if (part.valueTruncated)
          throw new AppError("FIELD_TOO_LONG", { field: part.fieldname, max: MAX_FIELD_CHARS });
        addField(fields, part.fieldname, part.value);
        continue;
      }
      const keep = files.length < limits.maxFiles && total < limits.maxRequestBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      const reader = part.file[Symbol.asyncIterator]();
      for (;;) {
        const chunk = await watchdog.race(reader.next());
        if (chunk.done) break;
        size += chunk.value.length;
        streamed += chunk.value.length;
        if (streamed > ceiling)
          throw new AppError("REQUEST_TOO_LARGE", { maxMb: Math.round(ceiling / 2 ** 20) });
        if (keep && size <= limits.maxFileBytes) chunks.push(chunk.value);
      }
      // A browser sends an empty, nameless part for a file input left empty.
      if (!part.filename && size === 0) continue;
      const file: ReceivedFile = { filename: part.filename || "file", bytes: new Uint8Array(), size };
      if (size > limits.maxFileBytes) file.refusal = "FILE_TOO_LARGE";
      else if (files.length >= limits.maxFiles) file.refusal = "TOO_MANY_FILES";
      else if (total + size > limits.maxRequestBytes) file.refusal = "REQUEST_TOO_LARGE";
      else {
        file.bytes = Buffer.concat(chunks);
        total += size;
      }
      files.push(file);
    }
  } catch (error) {
    throw toMultipartError(error, limits);
  } finally {
    watchdog.stop();
  }
  if (expectCsrf !== undefined) throw new AppError("CSRF_FAILED"); // an empty body
  return { fields, files };
}

function addField(fields: Form, name: string, value: unknown) {
  // A part sent as application/json arrives parsed: a form field is text or nothing.
  const text = typeof value === "string" ? value : Symbol.for("not text");
  const seen = fields[name];
  if (seen === undefined) fields[name] = text;
  else fields[name] = [...(Array.isArray(seen) ? seen : [seen]), text];
}

/** Errors of the multipart parser (busboy, @fastify/multipart) as our stable codes. */
export function toMultipartError(error: unknown, limits: { maxFiles: number }): unknown {
  if (error instanceof AppError) return error;
  const {
    code,
    message = "",
    statusCode,
  } = error as { code?: string; message?: string; statusCode?: number };
  switch (code) {
    case "FST_FILES_LIMIT":
      return new AppError("TOO_MANY_FILES", { max: limits.maxFiles });
    case "FST_FIELDS_LIMIT":
      return new AppError("TOO_MANY_FIELDS", { max: MULTIPART_FIELDS.maxFields });
    case "FST_PARTS_LIMIT":
      return new AppError("TOO_MANY_PARTS", { max: MULTIPART_FIELDS.maxParts });
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
  }
  // Everything else the parser throws is about the bytes the client sent: no or a too-long boundary,
  // an unsupported multipart type, a body cut short, a malformed part, a prototype field name.
  if (code?.startsWith("FST_") ? (statusCode ?? 500) < 500 : isParserFault(error, message))
    return new AppError("MULTIPART_INVALID", { detail: message.slice(0, 100) });
  return error;
}

const PARSER_FAULTS = [
  /boundary/i,
  /needle/i,
  /unexpected end/i,
  /terminated early/i,
  /malformed/i,
  /content-type/i,
  /premature close/i,
];
const isParserFault = (error: unknown, message: string) =>
  (error as { code?: string }).code === "ERR_STREAM_PREMATURE_CLOSE" ||
  PARSER_FAULTS.some((re) => re.test(message));

/**
 * busboy can stop without an error or an end when a skipped part (one without Content-Disposition) is
 * larger than its buffer: the request then hangs forever. Stuck is told from slow by the request: its
 * bytes are all there (or waiting in its buffer) and still nothing comes out of the parser.
 */
function stallWatchdog(request: FastifyRequest) {
  let progress = 0;
  let timer: NodeJS.Timeout | undefined;
  let fail: ((error: Error) => void) | undefined;
  const stalled = new Promise<never>((_, reject) => {
    fail = reject;
  });
  stalled.catch(() => {});
  let seen = -1;
  let idleChecks = 0;
  timer = setInterval(() => {
    const raw = request.raw;
    // Paused (by the pipe into the parser) or fully read: the client is not what we are waiting for.
    const waitingOnUs = raw.readableFlowing === false || raw.readableEnded;
    idleChecks = progress === seen && waitingOnUs ? idleChecks + 1 : 0;
    seen = progress;
    if (idleChecks >= 2) fail?.(new AppError("MULTIPART_INVALID", { detail: "the parser stopped" }));
  }, STALL_MS / 2);
  timer.unref();
  return {
    race<T>(step: Promise<T>): Promise<T> {
      progress++;
      return Promise.race([step, stalled]).finally(() => {
        progress++;
      });
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
