import crypto from "node:crypto";
import type { Sealer } from "../crypto/sealer.js";
import { AppError } from "../errors.js";

/** How long a client is told to wait before sending again while the store is down (Retry-After). */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

/** `sha256/xx/<sha256>`: content-addressed, the digest of the plain bytes (sealed or not on the medium). */
export const FILE_KEY = /^sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

export function fileKeyOf(bytes: Uint8Array): { key: string; sha256: string } {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  return { key: keyOfDigest(sha256), sha256 };
}

const keyOfDigest = (sha256: string) => `sha256/${sha256.slice(0, 2)}/${sha256}`;

/**
 * #18 screenpool: the key of a digest already taken of these bytes (in a pool thread, while they were
 * screened), so that they are not hashed twice on the event loop; without one, taken here. A malformed
 * digest is refused; a wrong one cannot pass unnoticed, as every read checks the bytes against the key.
 */
export function fileKeyFor(bytes: Uint8Array, known?: KnownDigest): { key: string; sha256: string } {
  if (!known) return fileKeyOf(bytes);
  const key = keyOfDigest(known.sha256);
  assertFileKey(key);
  return { key, sha256: known.sha256 };
}

/** The sha256 (lowercase hex) of the plain bytes being stored, when the caller has already taken it. */
export interface KnownDigest {
  sha256: string;
}

export function assertFileKey(key: string): void {
  if (!FILE_KEY.test(key)) throw new Error(`not a file key: ${key}`);
}

/**
 * The store answered, and has no object under `key`: a file the database references is gone (restore it
 * from a backup). Distinct from an unavailable store, which may come back by itself.
 */
export class FileMissingError extends Error {
  readonly code = "FILE_MISSING";
  constructor(readonly key: string) {
    super(`stored file ${key} is missing`);
    this.name = "FileMissingError";
  }
}

/** RG-4: the bytes read back are not the ones stored under `key` (damaged or tampered): never served. */
export class FileDamagedError extends Error {
  readonly code = "FILE_DAMAGED";
  constructor(
    readonly key: string,
    readonly sha256: string,
  ) {
    super(`stored file ${key} is damaged: its bytes hash to ${sha256}`);
    this.name = "FileDamagedError";
  }
}

/**
 * The store cannot take or give files now (down, throttling past every retry, disk full). An AppError, so
 * a submission is refused 503 with Retry-After in the user's language; `cause` keeps the reason for logs.
 */
export class StorageUnavailableError extends AppError {
  constructor(cause: unknown) {
    super("STORAGE_UNAVAILABLE", { retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS });
    this.cause = cause;
  }
}

/** Opens what the medium held (ID-7) and checks it against the key's digest before anyone sees it. */
export function openVerified(key: string, stored: Buffer, sealer?: Sealer): Buffer {
  let bytes: Buffer;
  try {
    bytes = sealer ? sealer.openBytes(stored) : stored;
  } catch {
    // A sealed file whose tag no longer checks: damaged the same way.
    throw new FileDamagedError(key, crypto.createHash("sha256").update(stored).digest("hex"));
  }
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== key.slice(key.lastIndexOf("/") + 1)) throw new FileDamagedError(key, sha256);
  return bytes;
}
