import { type ThreadPool, threadTask } from "../../platform/threads/index.js";
import type { convertHeicTask } from "./heic.task.js";

const CONVERT_HEIC = threadTask<typeof convertHeicTask>(
  new URL("./heic.task.ts", import.meta.url).href,
  "convertHeicTask",
);

/**
 * convertHeicToJpeg on the pool (inline when it has no threads); it throws as the inline call does. The
 * photo's bytes are moved to the thread, not copied, when they own their whole buffer: the caller gives
 * them up.
 */
export function convertHeicOn(pool: ThreadPool, bytes: Uint8Array): Promise<Uint8Array> {
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const transfer = owned && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
  return pool.run(CONVERT_HEIC, bytes, { transfer });
}
