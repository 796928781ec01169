import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { isAuditHeadFileName } from "../audit/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { conflictingAuditHeads, restoreAuditHeads } from "./audit-heads.js";
import {
  AUDIT_HEADS_DIR,
  BackupError,
  type BackupManifest,
  copyHashed,
  dialectOf,
  exists,
  FILES_DIR,
  forEachLimit,
  hashFile,
  isFileKey,
  readManifest,
  SECRET_FILE,
  sqliteFile,
  syncDirs,
} from "./backup-fs.js";
import { connectionFor, findPgTool, runPgTool } from "./pg-tools.js";

export interface RestoreBackupOptions {
  /** A directory written by createBackup. */
  backupDir: string;
  /** DATABASE_URL to restore into (same dialect as the backup; PostgreSQL: the database must exist). */
  databaseUrl: string;
  /** DATA_DIR to restore files/ and secret.key into. */
  dataDir: string;
  /** AUDIT_HEAD_DIR to restore the audit chain's head files into. */
  auditHeadDir?: string;
  /** Replace a database that already has tables, a different secret.key, and other audit head files. */
  force?: boolean;
  /** PostgreSQL only: directory holding pg_restore (default: newest /usr/lib/postgresql/<v>/bin, then PATH). */
  pgBinDir?: string;
  /** #18 storage: the file store to restore into; a bucket gets each object back, read back and checked. */
  files?: FileStore;
}

export interface RestoreResult {
  manifest: BackupManifest;
  filesRestored: number;
  /** False when the backed-up install had no secret.key (it used SECRET_KEY: set the same one again). */
  secretKeyRestored: boolean;
  /** Audit head files restored (0 from a backup made before they were included). */
  auditHeadsRestored: number;
}

/**
 * SC-2, RG-4: restores a backup. Nothing is touched until every byte of the backup has been checked
 * against the manifest (each problem is reported) and the target database is known to be empty (or
 * `force` is given). Files and the secret go in first and the database last, so the restored database
 * never references a file that is not there. Stop the service on the target before restoring.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<RestoreResult> {
  const backupDir = path.resolve(options.backupDir);
  const manifest = await readManifest(backupDir);
  const dialect = dialectOf(options.databaseUrl);
  if (dialect !== manifest.dialect)
    throw new BackupError(
      `${backupDir} holds a ${manifest.dialect} database; restore it into a DATABASE_URL of that kind ` +
        `(${manifest.dialect === "sqlite" ? "sqlite:<file>" : "postgres://…"}).`,
    );
  await verifyBackup(backupDir, manifest);
  const pgRestore = dialect === "postgres" ? findPgTool("pg_restore", options.pgBinDir) : undefined;

  const target = await describeTarget(options.databaseUrl);
  if (target.tables > 0 && !options.force)
    throw new BackupError(
      `The target database ${target.name} is not empty (${target.tables} tables); restore into a new ` +
        "database, or pass force to replace its contents.",
    );
  const secretFrom = path.join(backupDir, SECRET_FILE);
  const secretTo = path.join(options.dataDir, SECRET_FILE);
  if (manifest.secretKey && !options.force && (await exists(secretTo))) {
    if ((await hashFile(secretTo)).sha256 !== manifest.secretKey.sha256)
      throw new BackupError(
        `${secretTo} differs from the backup's secret.key (tracking links depend on it); restore into ` +
          "an empty DATA_DIR, or pass force to replace it.",
      );
  }

  const headConflicts = options.auditHeadDir
    ? await conflictingAuditHeads(options.auditHeadDir, manifest)
    : [];
  if (headConflicts.length > 0 && !options.force)
    throw new BackupError(
      `${options.auditHeadDir} holds audit head files of another history (${headConflicts.join(", ")}); ` +
        "restore into an empty AUDIT_HEAD_DIR, or pass force to move them aside.",
    );

  const keys = Object.keys(manifest.files);
  const filesRoot = options.files?.root ?? path.join(options.dataDir, FILES_DIR);
  const bucket = options.files?.root === undefined ? options.files : undefined;
  await forEachLimit(keys, 8, async (key) => {
    const from = path.join(backupDir, FILES_DIR, key);
    const copied = bucket
      ? await putBack(bucket, key, from)
      : await copyHashed(from, path.join(filesRoot, key));
    if (copied.sha256 !== manifest.files[key]!.sha256)
      throw new BackupError(`${key} changed while being restored; check the disks and restore again.`);
  });
  if (!bucket) await syncDirs(keys.map((key) => path.dirname(path.join(filesRoot, key))));
  if (manifest.secretKey) {
    await copyHashed(secretFrom, secretTo);
    await fs.chmod(secretTo, 0o600);
    await syncDirs([options.dataDir]);
  }
  const auditHeadsRestored = options.auditHeadDir
    ? await restoreAuditHeads(backupDir, manifest, options.auditHeadDir, headConflicts, new Date())
    : 0;

  const dumpFile = path.join(backupDir, manifest.database.file);
  if (dialect === "sqlite") await restoreSqlite(dumpFile, sqliteFile(options.databaseUrl), manifest);
  else await restorePostgres(dumpFile, options.databaseUrl, pgRestore!);
  return {
    manifest,
    filesRestored: keys.length,
    secretKeyRestored: !!manifest.secretKey,
    auditHeadsRestored,
  };
}

/** Checks the database file, every stored file and the secret against the manifest; throws listing all. */
export async function verifyBackup(backupDir: string, manifest: BackupManifest): Promise<void> {
  const problems: string[] = [];
  const check = async (label: string, file: string, want: { sha256: string; size?: number }) => {
    try {
      const got = await hashFile(file);
      if (got.sha256 !== want.sha256 || (want.size !== undefined && got.size !== want.size))
        problems.push(`${label}: damaged (sha256 ${got.sha256}, ${got.size} bytes; expected ${want.sha256})`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${label}: ${code === "ENOENT" ? "missing" : String(error)}`);
    }
  };
  const keys = Object.keys(manifest.files);
  await check(manifest.database.file, path.join(backupDir, manifest.database.file), manifest.database);
  await forEachLimit(keys, 8, async (key) => {
    const want = manifest.files[key]!;
    // A sealed file (#13) is keyed by its plain bytes: its stored bytes' digest is in the manifest instead.
    if (!isFileKey(key) || (!want.sealed && path.basename(key) !== want.sha256))
      problems.push(`${key}: not a valid file key`);
    else await check(`${FILES_DIR}/${key}`, path.join(backupDir, FILES_DIR, key), want);
  });
  if (manifest.secretKey) await check(SECRET_FILE, path.join(backupDir, SECRET_FILE), manifest.secretKey);
  for (const [name, want] of Object.entries(manifest.auditHeads ?? {})) {
    // A name is never a path elsewhere: only daily head file names are restored.
    if (!isAuditHeadFileName(name)) problems.push(`${AUDIT_HEADS_DIR}/${name}: not a head file name`);
    else await check(`${AUDIT_HEADS_DIR}/${name}`, path.join(backupDir, AUDIT_HEADS_DIR, name), want);
  }
  if (problems.length > 0)
    throw new BackupError(
      `Backup ${backupDir} failed verification, nothing was restored: ${problems.length} file(s) are ` +
        "missing or do not match manifest.json. Use another backup, or copy the intact files back:",
      problems.sort(),
    );
}

async function describeTarget(databaseUrl: string): Promise<{ name: string; tables: number }> {
  if (dialectOf(databaseUrl) === "sqlite") {
    const file = sqliteFile(databaseUrl);
    if (!(await exists(file))) return { name: file, tables: 0 };
    const db = new SQLite(file, { fileMustExist: true });
    try {
      const row = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get();
      return { name: file, tables: Number((row as { n: number }).n) };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  const name = new URL(databaseUrl).pathname.slice(1) || "(default)";
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `Cannot connect to ${name} (${String(error)}); create the database first (createdb).`,
    );
  }
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    return { name, tables: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** Copies the backup beside the target, drops the target's stale WAL/journal, and renames it into place. */
async function restoreSqlite(from: string, target: string, manifest: BackupManifest): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.restoring`;
  await fs.rm(temp, { force: true });
  const copied = await copyHashed(from, temp);
  if (copied.sha256 !== manifest.database.sha256)
    throw new BackupError(`${from} changed while being restored; check the disks and restore again.`);
  for (const suffix of ["-wal", "-shm", "-journal"]) await fs.rm(`${target}${suffix}`, { force: true });
  await fs.rename(temp, target);
  await syncDirs([path.dirname(target)]);
}

/** pg_restore in one transaction: the target gets the whole backup or is left as it was. */
async function restorePostgres(from: string, databaseUrl: string, pgRestore: string): Promise<void> {
  const { dbname, env } = connectionFor(databaseUrl);
  await runPgTool(
    pgRestore,
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--no-password",
      `--dbname=${dbname}`,
      from,
    ],
    env,
  );
}

/** #18 storage: writes an object back into the bucket and reads it back, so its digest is the stored one. */
async function putBack(bucket: FileStore, key: string, from: string): Promise<{ sha256: string }> {
  await bucket.writeStored(key, await fs.readFile(from));
  const stored = await bucket.readStored(key);
  return { sha256: crypto.createHash("sha256").update(stored).digest("hex") };
}
