import { AppError } from "../src/platform/errors.js";

// Tasks for the thread pool's own tests: each shows one thing crossing between threads.

/** Gives back a fresh buffer of `size` bytes of `fill`, and the thread it ran on. */
export async function makeBytes(input: { size: number; fill: number }) {
  const { threadId } = await import("node:worker_threads");
  return { bytes: new Uint8Array(input.size).fill(input.fill), threadId };
}

/** Throws what a bad file throws inline: an AppError with its code and params. */
export function refuseFile(input: { filename: string }): never {
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", { filename: input.filename });
}

/** Throws a plain error of a named kind. */
export function breakDown(message: string): never {
  throw new RangeError(message);
}

/** Holds its thread's CPU for `ms`, as a big parse would. */
export function spin(ms: number): number {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}
