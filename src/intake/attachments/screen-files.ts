import type { FileStore } from "../../platform/storage/file-store.js";
import type { AttachmentRecord } from "../../register/index.js";
import { checkFile, safeFilename } from "./file-policy.js";

/** A file as it arrived, before the allow-list: its bytes, or why it was not even read in full. */
export interface ReceivedFile {
  filename: string;
  bytes: Uint8Array;
  /**
   * Set when the transport already refused it (too large, too many files, request too large), or when
   * the mail it came in was cut off or its container could not be unpacked.
   */
  refusal?: "FILE_TOO_LARGE" | "TOO_MANY_FILES" | "REQUEST_TOO_LARGE" | "FILE_CUT_OFF" | "FILE_UNPACK_FAILED";
  size: number;
}

export type ScreenedFile = Omit<AttachmentRecord, "id" | "position">;

/**
 * Runs each file through the allow-list (FM-3) and stores the accepted ones, before the transaction that
 * registers them: a refused file is kept as a refusal with its reason, never silently dropped.
 */
export async function screenFiles(
  store: FileStore,
  files: ReceivedFile[],
  maxFileBytes: number,
  /** Called after each file is stored (the crash tests cut the process there). */
  afterEachFile?: () => void,
): Promise<ScreenedFile[]> {
  const out: ScreenedFile[] = [];
  for (const file of files) {
    const base = { filename: safeFilename(file.filename), size: file.size, viewableKey: null };
    const verdict = file.refusal
      ? ({ accepted: false, code: file.refusal } as const)
      : await checkFile({ filename: file.filename, bytes: file.bytes }, { maxFileBytes });
    if (!verdict.accepted) {
      const mediaType = "detectedMediaType" in verdict ? (verdict.detectedMediaType ?? null) : null;
      out.push({ ...base, mediaType, sha256: null, storageKey: null, refusalCode: verdict.code });
      continue;
    }
    const stored = await store.put(file.bytes);
    out.push({
      ...base,
      mediaType: verdict.mediaType,
      sha256: stored.sha256,
      storageKey: stored.key,
      refusalCode: null,
    });
    afterEachFile?.();
  }
  return out;
}
