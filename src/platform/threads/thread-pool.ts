import { createRequire } from "node:module";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { TaskCall } from "./run-task.js";
import { reviveError, type TaskOutcome } from "./task-outcome.js";

/**
 * A function exported by a task module (a `*.task.ts` file beside its room's code), named so that a thread
 * can import it. `F` is the function's type: `threadTask<typeof parseMailTask>(url, "parseMailTask")`.
 */
export interface ThreadTask<I, O> {
  module: string;
  name: string;
  /** Type only: what the task takes and gives. */
  readonly signature?: (input: I) => O;
}

// biome-ignore lint/suspicious/noExplicitAny: any function of one argument may be a task
export function threadTask<F extends (input: any) => unknown>(
  module: string,
  name: string,
): ThreadTask<Parameters<F>[0], Awaited<ReturnType<F>>> {
  return { module, name };
}

/** CPU work off the event loop. With no threads the same task functions run inline, on this thread. */
export interface ThreadPool {
  /** Threads in the pool; 0: tasks run inline. */
  readonly threads: number;
  /**
   * Runs the task and gives its result, or throws the error the task threw (an AppError keeps its code).
   * `transfer`: the input's buffers to move rather than copy; the caller must not use them afterwards.
   */
  run<I, O>(task: ThreadTask<I, O>, input: I, options?: { transfer?: ArrayBuffer[] }): Promise<O>;
  /** Tasks in flight finish; then the threads end, so that the process can exit. */
  close(): Promise<void>;
}

/** THREADS' default: one core is left to the event loop itself. */
export const defaultThreads = () => Math.max(1, os.availableParallelism() - 1);

const RUNNER = new URL("./run-task.ts", import.meta.url).href;
// An idle thread stays this long for the next task: a thread costs a module load to start.
const IDLE_MS = 60_000;

export function createThreadPool(threads: number): ThreadPool {
  if (threads <= 0) return inlinePool();
  // Threads start on the first task, so that a process that never needs one never starts one.
  const piscina = new Piscina({
    filename: RUNNER,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_MS,
    execArgv: loaderArgs(),
  });
  let closing: Promise<void> | undefined;
  return {
    threads,
    async run<I, O>(task: ThreadTask<I, O>, input: I, options: { transfer?: ArrayBuffer[] } = {}) {
      const call: TaskCall = { module: task.module, name: task.name, input };
      const outcome: TaskOutcome<O> = await piscina.run(call, { transferList: options.transfer });
      if (!outcome.ok) throw reviveError(outcome.error);
      return outcome.value;
    },
    close() {
      closing ??= piscina.close();
      return closing;
    },
  };
}

function inlinePool(): ThreadPool {
  return {
    threads: 0,
    async run<I, O>(task: ThreadTask<I, O>, input: I) {
      const fn = (await import(task.module))[task.name] as (input: I) => O | Promise<O>;
      return fn(input);
    },
    async close() {},
  };
}

/**
 * Task modules are TypeScript, read through tsx as the main thread reads them. A thread inherits the
 * process's flags; when tsx was registered by its API (the CLI) or not at all (the tests' runner), the
 * thread is given tsx's loader by its resolved path, so that it does not depend on the working directory.
 */
function loaderArgs(): string[] {
  if (!RUNNER.endsWith(".ts") || process.execArgv.some((arg) => arg.includes("tsx"))) return process.execArgv;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return [...process.execArgv, "--import", loader];
}
