import { execFile } from "node:child_process";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type * as tasks from "../../../test/thread-tasks.task.js";
import { AppError } from "../errors.js";
import { createThreadPool, threadTask } from "./index.js";

const MODULE = new URL("../../../test/thread-tasks.task.ts", import.meta.url).href;
const makeBytes = threadTask<typeof tasks.makeBytes>(MODULE, "makeBytes");
const refuseFile = threadTask<typeof tasks.refuseFile>(MODULE, "refuseFile");
const breakDown = threadTask<typeof tasks.breakDown>(MODULE, "breakDown");

describe.each([0, 1])("thread pool with THREADS=%i", (threads) => {
  const pool = createThreadPool(threads);
  afterAll(() => pool.close());

  it("runs the task where it should, its bytes arriving whole", async () => {
    const out = await pool.run(makeBytes, { size: 1 << 20, fill: 7 });
    expect(out.threadId === threadId).toBe(threads === 0);
    expect(out.bytes.byteLength).toBe(1 << 20);
    expect(out.bytes.every((b) => b === 7)).toBe(true);
  });

  it("rejects with the AppError the inline call throws, code and params kept (a bad file stays a 4xx)", async () => {
    const error = await pool.run(refuseFile, { filename: "x.exe" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((error as AppError).status).toBe(415);
    expect((error as AppError).params).toEqual({ filename: "x.exe" });
  });

  it("rejects with an error of the same name and message for any other throw", async () => {
    const error = (await pool.run(breakDown, "out of range").catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("RangeError");
    expect(error.message).toBe("out of range");
  });

  it("moves the caller's buffer when told to, instead of copying it", async () => {
    const input = new Uint8Array(1024).fill(1);
    const fromThread = await pool.run(makeBytes, { size: 8, fill: input[0]! }, { transfer: [input.buffer] });
    expect(fromThread.bytes[0]).toBe(1);
    // Moved to a thread, the caller's copy is emptied; inline nothing moves.
    expect(input.byteLength).toBe(threads === 0 ? 1024 : 0);
  });
});

describe("thread pool teardown", () => {
  it("lets the process exit once closed (no thread left running)", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const started = Date.now();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "test/thread-pool-exit.ts"],
        { cwd: root, timeout: 30_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(out.trim()).toBe("closed");
    // The pool keeps idle threads for a minute; closing must not wait for that.
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});
