import fs from "node:fs/promises";
import path from "node:path";
import { isAuditHeadFileName } from "../audit/index.js";
import {
  AUDIT_HEADS_DIR,
  BackupError,
  type BackupManifest,
  copyHashed,
  exists,
  hashFile,
  syncDirs,
  writeDurably,
} from "./backup-fs.js";

// RG-4: the audit chain's head is also kept outside the database, in daily files; a restored database
// without them fails `audit verify`, so they travel with the backup.

type HeadDigests = NonNullable<BackupManifest["auditHeads"]>;

async function headFilesIn(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  return (await fs.readdir(dir)).filter(isAuditHeadFileName).sort();
}

/**
 * Copies the head files into the backup, each up to its last complete line (the sealer may be appending
 * one). Taken before the database snapshot: a head line is written after its seal commits, so every head
 * copied is in the snapshot and the restored chain never ends before its head files.
 */
export async function backUpAuditHeads(headDir: string, backupDir: string): Promise<HeadDigests> {
  const digests: HeadDigests = {};
  const names = await headFilesIn(headDir);
  if (names.length === 0) return digests;
  const to = path.join(backupDir, AUDIT_HEADS_DIR);
  await fs.mkdir(to, { recursive: true });
  for (const name of names) {
    const text = await fs.readFile(path.join(headDir, name));
    digests[name] = await writeDurably(path.join(to, name), text.subarray(0, text.lastIndexOf(0x0a) + 1));
  }
  await syncDirs([to]);
  return digests;
}

/**
 * Head files already in the target directory that the backup does not hold byte for byte: `audit verify`
 * would judge the restored chain against another history with them.
 */
export async function conflictingAuditHeads(headDir: string, manifest: BackupManifest): Promise<string[]> {
  const conflicts: string[] = [];
  for (const name of await headFilesIn(headDir)) {
    const want = manifest.auditHeads?.[name];
    if (!want || (await hashFile(path.join(headDir, name))).sha256 !== want.sha256) conflicts.push(name);
  }
  return conflicts;
}

/**
 * Puts the backup's head files into `headDir`. Conflicting files (forced restore) are moved aside into
 * `replaced-<time>/`, kept as evidence but no longer read by the verifier. Returns how many were restored.
 */
export async function restoreAuditHeads(
  backupDir: string,
  manifest: BackupManifest,
  headDir: string,
  conflicts: string[],
  at: Date,
): Promise<number> {
  if (conflicts.length > 0) {
    const aside = path.join(headDir, `replaced-${at.toISOString().replace(/[:.]/g, "-")}`);
    await fs.mkdir(aside, { recursive: true });
    for (const name of conflicts) await fs.rename(path.join(headDir, name), path.join(aside, name));
    await syncDirs([aside, headDir]);
  }
  const heads = Object.entries(manifest.auditHeads ?? {});
  if (heads.length === 0) return 0;
  await fs.mkdir(headDir, { recursive: true });
  for (const [name, want] of heads) {
    const copied = await copyHashed(path.join(backupDir, AUDIT_HEADS_DIR, name), path.join(headDir, name));
    if (copied.sha256 !== want.sha256)
      throw new BackupError(`${name} changed while being restored; check the disks and restore again.`);
  }
  await syncDirs([headDir]);
  return heads.length;
}
