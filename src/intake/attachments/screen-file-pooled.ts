import { type ThreadPool, threadTask } from "../../platform/threads/index.js";
import { type FileToScreen, type ScreenOutcome, screenFileTask } from "./screen-file.task.js";

const SCREEN_FILE = threadTask<typeof screenFileTask>(
  new URL("./screen-file.task.ts", import.meta.url).href,
  "screenFileTask",
);

/**
 * screenFileTask on the pool; a refusal comes back as a verdict, an unexpected error is thrown as the
 * inline call throws it. Bytes that own their whole buffer are moved to the thread and back, never
 * copied: the caller must use the outcome's `bytes` afterwards (its own view is emptied). Other bytes (a
 * slice of a larger buffer, a small file on Node's shared slab) and any bytes without a pool are screened
 * here, on the event loop: copying a file costs more than hashing it (24 MB on the project's 2-core
 * machine under load: a copy 100–290 ms of fresh pages, its sha256 about 16 ms, a move about 1 ms).
 * `movable: false`: the buffer is shared with other bytes still in use, which a move would empty.
 */
export function screenFileOn(
  pool: ThreadPool | undefined,
  file: FileToScreen,
  movable = true,
): Promise<ScreenOutcome> {
  const { buffer, byteOffset, byteLength } = file.bytes;
  const owned = buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
  if (!pool || pool.threads === 0 || !owned || !movable) return screenFileTask(file);
  return pool.run(SCREEN_FILE, file, { transfer: [buffer] });
}
