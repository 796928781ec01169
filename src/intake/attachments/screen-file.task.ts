import { sha256Hex } from "../../platform/ids.js";
import { checkFile, type FileVerdict } from "./file-policy.js";

/** One file as the thread gets it: plain data only (no store, no database, no config). */
export interface FileToScreen {
  filename: string;
  bytes: Uint8Array;
  maxFileBytes: number;
}

/**
 * The verdict (FM-3) and, for an accepted file only, the sha256 of its bytes: its content address (RG-4).
 * `bytes`: the file's bytes given back (moved back from a thread, which had them moved to it).
 */
export type ScreenOutcome = { bytes: Uint8Array } & (
  | { verdict: Extract<FileVerdict, { accepted: true }>; sha256: string }
  | { verdict: Extract<FileVerdict, { accepted: false }>; sha256: null }
);

/**
 * #18 screenpool: the allow-list check and the hash of the whole file, in a pool thread (or inline when
 * there is none). The hash is the cost that grows with the file (several MB each); the store is then told
 * the digest, so it does not hash the same bytes again on the event loop.
 */
export async function screenFileTask(file: FileToScreen): Promise<ScreenOutcome> {
  const { bytes } = file;
  const verdict = await checkFile({ filename: file.filename, bytes }, file);
  if (!verdict.accepted) return { verdict, sha256: null, bytes };
  return { verdict, sha256: sha256Hex(bytes), bytes };
}
