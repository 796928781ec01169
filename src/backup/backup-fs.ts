import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Dialect } from "../platform/db/database.js";

/** A backup or restore that cannot go ahead; the message names the fix, `problems` lists every cause. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n  ${problems.join("\n  ")}` : message);
    this.name = "BackupError";
  }
}

export const MANIFEST = "manifest.json";
export const FILES_DIR = "files";
export const SECRET_FILE = "secret.key";
export const AUDIT_HEADS_DIR = "audit-heads";
export const DATABASE_FILE: Record<Dialect, string> = {
  sqlite: "database.sqlite",
  postgres: "database.pgdump",
};

/** What `manifest.json` holds: enough to check every byte of the backup before restoring it. */
export interface BackupManifest {
  format: "borikan-backup";
  formatVersion: 1;
  createdAt: string;
  dialect: Dialect;
  /** The database snapshot, a file beside the manifest (SQLite database or pg_dump custom format). */
  database: { file: string; sha256: string; size: number };
  /** Entries in the snapshot (for the operator's report). */
  entries: number;
  /** Every stored file the snapshot references, by file-store key (`sha256/xx/<sha256>`). */
  files: Record<string, { sha256: string; size: number; sealed?: true }>;
  /** DATA_DIR/secret.key, when the install has one (tracking links are derived from it). */
  secretKey: { sha256: string } | null;
  /**
   * The audit chain's daily head files (AUDIT_HEAD_DIR), by name, in `audit-heads/`; absent in backups
   * made before they were included.
   */
  auditHeads?: Record<string, { sha256: string; size: number }>;
  /**
   * #13 (ID-7, SC-1): the database and files are sealed; the master key that opens them is deliberately
   * NOT in the backup (a stolen backup alone reveals nothing). Restore, then start with the same
   * ENCRYPTION_KEY (or DATA_DIR/encryption.key). Absent in backups made before sealing.
   */
  encryption?: { masterKeyIncluded: false; note: string };
}

/** What the manifest and the restore say about the master key (#13). */
export const MASTER_KEY_NOTE =
  "The master key is not in this backup: start the restored install with the same ENCRYPTION_KEY (or put back its DATA_DIR/encryption.key); without it nothing sealed opens.";

const FILE_KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** True for a well-formed file-store key whose name is its own digest (never a path elsewhere). */
export function isFileKey(key: string): boolean {
  const m = FILE_KEY.exec(key);
  return !!m && m[2]!.startsWith(m[1]!);
}

export function dialectOf(databaseUrl: string): Dialect {
  if (databaseUrl.startsWith("sqlite:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgres";
  throw new BackupError(`DATABASE_URL must start with sqlite: or postgres://, got ${databaseUrl}.`);
}

export function sqliteFile(databaseUrl: string): string {
  const file = databaseUrl.slice("sqlite:".length);
  if (!file || file === ":memory:")
    throw new BackupError(`${databaseUrl} is not a database file; set DATABASE_URL to sqlite:<file>.`);
  return path.resolve(file);
}

/** What a backup writes into its directory; the manifest last, the rest through `*.tmp` names. */
const isBackupPart = (name: string) =>
  [FILES_DIR, SECRET_FILE, AUDIT_HEADS_DIR, ...Object.values(DATABASE_FILE)].includes(name) ||
  name.endsWith(".tmp");

/**
 * Creates `dir` if missing; refuses one that holds anything, so a backup never mixes with another. A
 * backup cut off by a crash (only backup parts, no manifest) is cleared instead; returns whether it was.
 */
export async function ensureEmptyDir(dir: string): Promise<boolean> {
  await fs.mkdir(dir, { recursive: true });
  const entries = await fs.readdir(dir);
  if (entries.length === 0) return false;
  if (entries.includes(MANIFEST) || !entries.every(isBackupPart))
    throw new BackupError(`Backup directory ${dir} is not empty; give a new or empty directory.`);
  for (const name of entries) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  await syncDirs([dir]);
  return true;
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

/**
 * Copies `from` to `to` (a real copy, never a link: the copy must outlive the original), hashing the
 * bytes as they pass. Written to a temporary name, fsynced, then renamed, so `to` is whole or absent.
 */
export async function copyHashed(from: string, to: string): Promise<{ sha256: string; size: number }> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  const temp = `${to}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const hash = crypto.createHash("sha256");
  let size = 0;
  const out = await fs.open(temp, "wx", 0o640);
  try {
    for await (const chunk of createReadStream(from)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      await out.write(chunk as Buffer);
    }
    await out.sync();
  } catch (error) {
    await out.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await out.close();
  await fs.rename(temp, to);
  return { sha256: hash.digest("hex"), size };
}

/** Writes `bytes` to `to` durably (temporary name, fsync, rename); returns their digest and size. */
export async function writeDurably(to: string, bytes: Buffer): Promise<{ sha256: string; size: number }> {
  const temp = `${to}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const out = await fs.open(temp, "wx", 0o640);
  try {
    await out.writeFile(bytes);
    await out.sync();
  } finally {
    await out.close();
  }
  await fs.rename(temp, to);
  return { sha256: crypto.createHash("sha256").update(bytes).digest("hex"), size: bytes.length };
}

/** Makes renames and new files in `dirs` durable. */
export async function syncDirs(dirs: Iterable<string>): Promise<void> {
  for (const dir of new Set(dirs)) {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const file = path.join(dir, MANIFEST);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { flag: "wx" });
  const handle = await fs.open(`${file}.tmp`, "r+");
  await handle.sync();
  await handle.close();
  await fs.rename(`${file}.tmp`, file);
  await syncDirs([dir]);
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, MANIFEST);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new BackupError(
      missing
        ? `${file} is missing: ${dir} is not a complete Borikan backup (a backup writes its manifest last); use another backup.`
        : `${file} cannot be read (${String(error)}); use another backup.`,
    );
  }
  if (manifest?.format !== "borikan-backup" || manifest.formatVersion !== 1)
    throw new BackupError(
      `${file} is not a Borikan backup manifest of format version 1; use a matching Borikan.`,
    );
  if (manifest.database.file !== DATABASE_FILE[manifest.dialect])
    throw new BackupError(`${file} names an unexpected database file ${manifest.database.file}.`);
  return manifest;
}
