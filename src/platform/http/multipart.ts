import crypto from "node:crypto";
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { ReceivedFile } from "../../intake/attachments/index.js";
import { AppError } from "../errors.js";

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

export interface MultipartLimits {
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFiles: number;
}

/**
 * Reads a multipart body into fields and files without ever refusing the whole request for one bad
 * file: a file over the per-file limit, past the file count or past the request total is kept as a
 * refusal with its name, so the rest is still registered and the applicant told which file and why.
 * Throws CSRF_FAILED when a guard left the CSRF check to the first field and that field is not the token.
 */
export async function readMultipart(
  request: FastifyRequest,
  limits: MultipartLimits,
): Promise<{ fields: Record<string, string>; files: ReceivedFile[] }> {
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  let total = 0;
  // The plugin is registered with throwFileSizeLimit: false, so an oversized file arrives truncated.
  const parts = request.parts({
    limits: { fileSize: limits.maxFileBytes, files: 100, fields: 50, fieldSize: 100_000, parts: 200 },
  });
  let expectCsrf = request.pendingCsrfToken;
  for await (const part of parts) {
    if (expectCsrf !== undefined) {
      checkCsrfPart(part, expectCsrf);
      expectCsrf = undefined;
      continue;
    }
    if (part.type === "field") {
      if (typeof part.value === "string") fields[part.fieldname] = part.value;
      continue;
    }
    const bytes = await part.toBuffer();
    // A browser sends an empty, nameless part for a file input left empty.
    if (!part.filename && bytes.length === 0) continue;
    const file: ReceivedFile = { filename: part.filename || "file", bytes, size: bytes.length };
    total += bytes.length;
    if (part.file.truncated) file.refusal = "FILE_TOO_LARGE";
    else if (files.length >= limits.maxFiles) file.refusal = "TOO_MANY_FILES";
    else if (total > limits.maxRequestBytes) file.refusal = "REQUEST_TOO_LARGE";
    if (file.refusal) file.bytes = new Uint8Array();
    files.push(file);
  }
  if (expectCsrf !== undefined) throw new AppError("CSRF_FAILED"); // an empty body
  return { fields, files };
}
