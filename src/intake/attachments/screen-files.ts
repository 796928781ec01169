import type { ReceivedFile } from "../../platform/http/multipart.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { asBuffer, type ThreadPool } from "../../platform/threads/index.js";
import type { AttachmentRecord } from "../../register/index.js";
import { safeFilename } from "./file-policy.js";
import { screenFileOn } from "./screen-file-pooled.js";

// The platform's multipart reader makes them; mail and LINE build the same shape.
export type { ReceivedFile };

export type ScreenedFile = Omit<AttachmentRecord, "id" | "position">;

export interface ScreenOptions {
  /** #18 screenpool: where files are checked and hashed, off the event loop; unset: on it, as before. */
  threads?: ThreadPool;
  /** Called after each file is stored (the crash tests cut the process there). */
  afterEachFile?: () => void;
}

/**
 * Runs each file through the allow-list (FM-3) and stores the accepted ones, before the transaction that
 * registers them: a refused file is kept as a refusal with its reason, never silently dropped. With a pool
 * (#18) the files are checked and hashed at once, a thread each; they are still stored, and listed, in
 * the files' order, the store taking the thread's sha256 as the content address (RG-4). A file's bytes may
 * travel to a thread and back: afterwards `file.bytes` holds them, and any other view of their old buffer
 * (a parsed mail's attachment) is empty, so callers read the files' bytes only from `files`.
 */
export async function screenFiles(
  store: FileStore,
  files: ReceivedFile[],
  maxFileBytes: number,
  options: ScreenOptions = {},
): Promise<ScreenedFile[]> {
  // A buffer under two files' bytes is never moved: the other would be read empty while it was away.
  const users = new Map<ArrayBufferLike, number>();
  for (const { bytes } of files) users.set(bytes.buffer, (users.get(bytes.buffer) ?? 0) + 1);
  const outcomes = await Promise.all(
    files.map((file) => screenOne(file, maxFileBytes, options.threads, users.get(file.bytes.buffer) === 1)),
  );
  const out: ScreenedFile[] = [];
  for (const [i, file] of files.entries()) {
    const base = { filename: safeFilename(file.filename), size: file.size, viewableKey: null };
    // Refused while it was read (too large, too many): nothing was checked or hashed.
    if (file.refusal) {
      out.push({ ...base, mediaType: null, sha256: null, storageKey: null, refusalCode: file.refusal });
      continue;
    }
    const outcome = outcomes[i]!;
    if (outcome.sha256 === null) {
      const { code, detectedMediaType } = outcome.verdict;
      out.push({
        ...base,
        mediaType: detectedMediaType ?? null,
        sha256: null,
        storageKey: null,
        refusalCode: code,
      });
      continue;
    }
    const stored = await store.put(file.bytes, { sha256: outcome.sha256 });
    out.push({
      ...base,
      mediaType: outcome.verdict.mediaType,
      sha256: stored.sha256,
      storageKey: stored.key,
      refusalCode: null,
    });
    options.afterEachFile?.();
  }
  return out;
}

async function screenOne(
  file: ReceivedFile,
  maxFileBytes: number,
  threads: ThreadPool | undefined,
  movable: boolean,
) {
  if (file.refusal) return undefined;
  const input = { filename: file.filename, bytes: file.bytes, maxFileBytes };
  const outcome = await screenFileOn(threads, input, movable);
  // Moved to a thread and back: the caller's file holds its bytes again (a Buffer stays a Buffer).
  if (outcome.bytes !== file.bytes)
    file.bytes = Buffer.isBuffer(file.bytes) ? asBuffer(outcome.bytes) : outcome.bytes;
  return outcome;
}
