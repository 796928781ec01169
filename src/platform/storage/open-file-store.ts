import type { Sealer } from "../crypto/sealer.js";
import { createFileStore, type FileStore, removeStaleTemporaryFiles } from "./file-store.js";
import { createS3FileStore, type S3Settings } from "./s3-file-store.js";

/** Where files go (`STORAGE_URL`, parsed in config): a local directory or an S3-compatible bucket. */
export type StorageSettings = { kind: "file"; dir: string } | ({ kind: "s3" } & S3Settings);

/** #18: the file store the settings name; sealing (ID-7) and the sha256 check on read in both. */
export function openFileStore(settings: StorageSettings, sealer?: Sealer): FileStore {
  return settings.kind === "file"
    ? createFileStore(settings.dir, sealer)
    : createS3FileStore(settings, sealer);
}

/**
 * What a crash left half-written, removed at start: only a local directory has such files (an object
 * store never shows a PUT that did not finish). Resolves to how many were removed.
 */
export function cleanUpAfterCrash(files: FileStore): Promise<number> {
  return files.root === undefined ? Promise.resolve(0) : removeStaleTemporaryFiles(files.root);
}

/** Where a store's objects are, for messages (never the credentials). */
export function describeStorage(settings: StorageSettings): string {
  return settings.kind === "file" ? settings.dir : `s3://${settings.bucket}/${settings.prefix}`;
}
