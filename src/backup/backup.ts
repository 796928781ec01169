import fs from "node:fs/promises";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { type Clock, systemClock } from "../platform/clock.js";
import { FileMissingError, type FileStore } from "../platform/storage/file-store.js";
import { backUpAuditHeads } from "./audit-heads.js";
import {
  BackupError,
  type BackupManifest,
  copyHashed,
  DATABASE_FILE,
  dialectOf,
  ensureEmptyDir,
  exists,
  FILES_DIR,
  forEachLimit,
  hashFile,
  isFileKey,
  MASTER_KEY_NOTE,
  SECRET_FILE,
  sqliteFile,
  syncDirs,
  writeDurably,
  writeManifest,
} from "./backup-fs.js";
import { connectionFor, findPgTool, runPgTool } from "./pg-tools.js";

export interface CreateBackupOptions {
  /** DATABASE_URL of the running install. */
  databaseUrl: string;
  /** DATA_DIR of the running install (files/ and secret.key are read from it). */
  dataDir: string;
  /** Where the backup goes: created if missing, refused if not empty (an unfinished backup is cleared). */
  targetDir: string;
  /** AUDIT_HEAD_DIR of the running install: the audit chain's head files, copied into the backup. */
  auditHeadDir?: string;
  clock?: Clock;
  /** PostgreSQL only: directory holding pg_dump (default: newest /usr/lib/postgresql/<v>/bin, then PATH). */
  pgBinDir?: string;
  /** #18 storage: the install's file store; a bucket's objects are copied into the backup's files/. */
  files?: FileStore;
}

interface Snapshot {
  keys: string[];
  entries: number;
}

type KeyRow = { storage_key: string | null; viewable_key: string | null };
const KEYS_SQL = "select storage_key, viewable_key from attachments";
const ENTRIES_SQL = "select count(*) as n from entries";

/**
 * SC-2, RG-4: a consistent backup taken while the service keeps accepting submissions. The database
 * snapshot comes first; then every file it references is copied. Files are content-addressed, never
 * changed, and written before the transaction that references them commits, so each one the snapshot
 * names is already on disk. The manifest (digest and size of every file) is written last: a directory
 * without one is an incomplete backup. Returns the manifest.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const clock = options.clock ?? systemClock;
  const dialect = dialectOf(options.databaseUrl);
  const targetDir = path.resolve(options.targetDir);
  await ensureEmptyDir(targetDir);
  // SC-1: a backup holds every request's personal data; only the operator's account may open it.
  await fs.chmod(targetDir, 0o700);
  const createdAt = clock.now().toISOString();
  const dbFile = path.join(targetDir, DATABASE_FILE[dialect]);

  // Before the snapshot, so that every head they record is in it (see backUpAuditHeads).
  const auditHeads = options.auditHeadDir ? await backUpAuditHeads(options.auditHeadDir, targetDir) : {};
  const snapshot =
    dialect === "sqlite"
      ? await snapshotSqlite(sqliteFile(options.databaseUrl), dbFile)
      : await snapshotPostgres(options.databaseUrl, dbFile, options.pgBinDir);

  const filesRoot = options.files?.root ?? path.join(options.dataDir, FILES_DIR);
  const bucket = options.files?.root === undefined ? options.files : undefined;
  const files: BackupManifest["files"] = {};
  const problems: string[] = [];
  await forEachLimit(snapshot.keys, 8, async (key) => {
    const from = bucket ? key : path.join(filesRoot, key);
    try {
      const to = path.join(targetDir, FILES_DIR, key);
      // #18 storage: an object is copied as stored (sealed), like a file, and checked the same way below.
      const copied = bucket ? await copyFromBucket(bucket, key, to) : await copyHashed(from, to);
      // The key is the digest of the bytes stored under it: anything else is a damaged original. A sealed
      // file (ID-7) is keyed by its plain bytes, which only the key opens; its tag guards it on reading.
      const sealed = copied.sha256 !== path.basename(key) && (await isSealedFile(to));
      if (copied.sha256 !== path.basename(key) && !sealed)
        problems.push(`${from}: damaged (sha256 ${copied.sha256})`);
      files[key] = sealed ? { ...copied, sealed } : copied;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const missing = bucket ? error instanceof FileMissingError : code === "ENOENT";
      problems.push(`${from}: ${missing ? "missing" : String(error)}`);
    }
  });
  if (problems.length > 0)
    throw new BackupError(
      `Backup in ${targetDir} is incomplete: ${problems.length} stored file(s) the database references ` +
        "are missing or damaged in DATA_DIR. Restore them from an earlier backup, then back up again:",
      problems.sort(),
    );
  await syncDirs(Object.keys(files).map((key) => path.dirname(path.join(targetDir, FILES_DIR, key))));

  let secretKey: BackupManifest["secretKey"] = null;
  const secret = path.join(options.dataDir, SECRET_FILE);
  if (await exists(secret)) {
    secretKey = { sha256: (await copyHashed(secret, path.join(targetDir, SECRET_FILE))).sha256 };
    await fs.chmod(path.join(targetDir, SECRET_FILE), 0o600);
  }

  const manifest: BackupManifest = {
    format: "borikan-backup",
    formatVersion: 1,
    createdAt,
    dialect,
    database: { file: DATABASE_FILE[dialect], ...(await hashFile(dbFile)) },
    entries: snapshot.entries,
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
    secretKey,
    auditHeads,
    encryption: { masterKeyIncluded: false, note: MASTER_KEY_NOTE },
  };
  await writeManifest(targetDir, manifest);
  return manifest;
}

/** #18 storage: one object, as the bucket holds it, into the backup's files/. */
async function copyFromBucket(bucket: FileStore, key: string, to: string) {
  const stored = await bucket.readStored(key);
  await fs.mkdir(path.dirname(to), { recursive: true });
  return writeDurably(to, stored);
}

/** A file the store sealed (`BKE1` header, see platform/crypto `sealBytes`). */
async function isSealedFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.toString("latin1") === "BKE1";
  } finally {
    await handle.close();
  }
}

function keysOf(rows: KeyRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    for (const key of [row.storage_key, row.viewable_key]) {
      if (!key) continue;
      if (!isFileKey(key)) throw new BackupError(`The database references a malformed file key ${key}.`);
      keys.add(key);
    }
  }
  return [...keys];
}

/**
 * SQLite online backup on a connection of its own. All pages are copied in one step, which reads one
 * consistent state of the database without blocking writers (WAL), and cannot be restarted by them.
 */
async function snapshotSqlite(source: string, target: string): Promise<Snapshot> {
  if (!(await exists(source)))
    throw new BackupError(`Database file ${source} does not exist; check DATABASE_URL.`);
  const live = new SQLite(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 15000");
    await live.backup(target, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  const copy = new SQLite(target, { fileMustExist: true });
  try {
    // The backup is one self-contained file, with no write-ahead log beside it.
    copy.pragma("journal_mode = DELETE");
    const keys = keysOf(copy.prepare(KEYS_SQL).all() as KeyRow[]);
    const entries = Number((copy.prepare(ENTRIES_SQL).get() as { n: number }).n);
    return { keys, entries };
  } finally {
    copy.close();
  }
}

/**
 * PostgreSQL: a repeatable-read transaction exports its snapshot; pg_dump (custom format) dumps exactly
 * that snapshot, and the file keys are read in it too, so keys and dump agree.
 */
async function snapshotPostgres(url: string, target: string, binDir?: string): Promise<Snapshot> {
  const pgDump = findPgTool("pg_dump", binDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read, read only");
    const { rows } = await client.query<{ id: string }>("select pg_export_snapshot() as id");
    const keys = keysOf((await client.query<KeyRow>(KEYS_SQL)).rows);
    const entries = Number((await client.query<{ n: string }>(ENTRIES_SQL)).rows[0]!.n);
    const { dbname, env } = connectionFor(url);
    await runPgTool(
      pgDump,
      [
        "--format=custom",
        `--snapshot=${rows[0]!.id}`,
        `--file=${target}`,
        "--no-password",
        `--dbname=${dbname}`,
      ],
      env,
    );
    await client.query("commit");
    await syncDirs([path.dirname(target)]);
    return { keys, entries };
  } finally {
    await client.end();
  }
}
