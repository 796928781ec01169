import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Sealer } from "../crypto/sealer.js";
import {
  assertFileKey,
  FileMissingError,
  fileKeyFor,
  type KnownDigest,
  openVerified,
  StorageUnavailableError,
} from "./stored-file.js";

// #18: what callers catch, from the one module they already import.
export { FileDamagedError, FileMissingError, StorageUnavailableError } from "./stored-file.js";

/**
 * Where received files are kept (RG-4): content-addressed by sha256, so a file is stored once. A local
 * directory (default) or an S3-compatible bucket (#18, `STORAGE_URL`). Every read is checked against the
 * key's sha256. Errors: `StorageUnavailableError` (503, try again), `FileMissingError`, `FileDamagedError`.
 */
export interface FileStore {
  /**
   * Stores bytes durably (finished before it resolves) and returns the key and digest. #18 screenpool:
   * `known`, the sha256 already taken of these very bytes (screening, in a thread), is used as it is.
   */
  put(bytes: Uint8Array, known?: KnownDigest): Promise<{ key: string; sha256: string }>;
  read(key: string): Promise<Buffer>;
  /** Deletes for good (CH-6: confirmed spam). Only for bytes no record shares. */
  remove(key: string): Promise<void>;
  /** #18: resolves when the store can take files now (readiness); rejects saying why not. */
  check(): Promise<void>;
  /** #18: the local directory, only where the store is one (temporary files, sealing in place). */
  root?: string;
  /** #18 backups: the bytes as the medium holds them (sealed, not checked) and their way back in. */
  readStored(key: string): Promise<Buffer>;
  writeStored(key: string, stored: Uint8Array): Promise<void>;
}

/**
 * ID-7, SC-1: with a sealer, files are written sealed (`sealBytes`) and read opened (`openBytes`, so files
 * stored before sealing still read). The key stays the sha256 of the plain bytes: equal files are still
 * stored once, and digests recorded with an attachment still check.
 */
export function createFileStore(root: string, sealer?: Sealer): FileStore & { root: string } {
  const pathOf = (key: string) => {
    assertFileKey(key);
    return path.join(root, key);
  };
  const knownDirs = new Set<string>();
  const writeStored = async (key: string, stored: Uint8Array) => {
    const target = pathOf(key);
    // No existence check: renaming identical bytes over an identical file is harmless, and cheaper
    // than a stat on every upload when duplicates are rare.
    const dir = path.dirname(target);
    if (!knownDirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      knownDirs.add(dir);
    }
    await writeDurably(target, stored);
  };
  const readStored = (key: string) =>
    fs.readFile(pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "ENOENT" ? new FileMissingError(key) : error;
    });
  return {
    root,
    async put(bytes, known) {
      const { key, sha256 } = fileKeyFor(bytes, known);
      try {
        await writeStored(key, sealer ? sealer.sealBytes(bytes) : bytes);
      } catch (error) {
        // #18: a full or failing disk refuses submissions 503 like a bucket that is down.
        throw new StorageUnavailableError(error);
      }
      return { key, sha256 };
    },
    read: async (key) => openVerified(key, await readStored(key), sealer),
    remove: (key) => fs.rm(pathOf(key), { force: true }),
    // Writable directory: what a put needs first.
    check: () => fs.mkdir(root, { recursive: true }).then(() => fs.access(root, fs.constants.W_OK)),
    readStored,
    writeStored,
  };
}

/** Writes to a temporary file, syncs it, renames it over `target` and syncs the directory (RG-4). */
async function writeDurably(target: string, bytes: Uint8Array): Promise<void> {
  const temp = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const handle = await fs.open(temp, "w", 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, target);
  // The rename itself is durable only once the directory is synced (RG-4: a receipt means kept).
  const dirHandle = await fs.open(path.dirname(target), "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

/** Every stored file's path (temporary files left out). */
export async function* storedFiles(root: string): AsyncGenerator<string> {
  const shards = await fs.readdir(path.join(root, "sha256")).catch(() => [] as string[]);
  for (const shard of shards.sort()) {
    const dir = path.join(root, "sha256", shard);
    for (const name of (await fs.readdir(dir).catch(() => [] as string[])).sort())
      if (/^[0-9a-f]{64}$/.test(name)) yield path.join(dir, name);
  }
}

/**
 * ID-7: seals in place every file stored before sealing (sealed copy written beside it, synced, renamed
 * over it), so that none stays in clear. Idempotent; `dryRun` only counts. Returns how many were plain.
 */
export async function sealStoredFiles(root: string, sealer: Sealer, dryRun = false): Promise<number> {
  let count = 0;
  for await (const file of storedFiles(root)) {
    const bytes = await fs.readFile(file);
    if (sealer.isSealedBytes(bytes)) continue;
    count++;
    if (!dryRun) await writeDurably(file, sealer.sealBytes(bytes));
  }
  return count;
}

/** `<key>.<pid>.<8 hex>.tmp`: a file being written, renamed into place when whole. */
const TEMPORARY = /^[0-9a-f]{64}\.(\d+)\.[0-9a-f]{8}\.tmp$/;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Removes the temporary files a crash left in the store (written, never renamed into place): those of a
 * process no longer running here once a minute old, and any over an hour old (a process on another
 * machine sharing the directory, or a pid reused since). Run at start; returns how many were removed.
 */
export async function removeStaleTemporaryFiles(root: string, now = Date.now()): Promise<number> {
  let removed = 0;
  const shards = await fs.readdir(path.join(root, "sha256")).catch(() => [] as string[]);
  for (const shard of shards) {
    const dir = path.join(root, "sha256", shard);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const temporary = TEMPORARY.exec(name);
      if (!temporary) continue;
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat) continue;
      const age = now - stat.mtimeMs;
      if (age > 3_600_000 || (age > 60_000 && !isAlive(Number(temporary[1])))) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
