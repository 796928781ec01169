import { type ThreadPool, threadTask } from "../../platform/threads/index.js";
import type { FileToScreen, ScreenOutcome, screenFileTask } from "./screen-file.task.js";

const SCREEN_FILE = threadTask<typeof screenFileTask>(
  new URL("./screen-file.task.ts", import.meta.url).href,
  "screenFileTask",
);

/**
 * screenFileTask on the pool (inline when it has no threads); a refusal comes back as a verdict, an
 * unexpected error is thrown as the inline call throws it. The thread gets a copy of the bytes, moved to
 * it: the caller still stores (and for a photo converts) its own, so they cannot be given away; and a
 * plain structured clone would copy the whole buffer under a view (a mail's file may be a slice of a larger
 * one), where this copies exactly the file. One copy costs far less than the hash the thread takes over.
 */
export function screenFileOn(pool: ThreadPool, file: FileToScreen): Promise<ScreenOutcome> {
  if (pool.threads === 0) return pool.run(SCREEN_FILE, file);
  const bytes = new Uint8Array(file.bytes);
  return pool.run(SCREEN_FILE, { ...file, bytes }, { transfer: [bytes.buffer] });
}
