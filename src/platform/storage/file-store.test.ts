import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../ids.js";
import { createFileStore, FileDamagedError, removeStaleTemporaryFiles } from "./file-store.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-store-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A pid no process has here (ESRCH), as a crashed writer's would be. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

describe("the file store", () => {
  // #18 screenpool
  it("RG-4: told the sha256 (taken in a thread), stores under it and reads back verified; a wrong one never passes", async () => {
    const store = createFileStore(path.join(root, "told"));
    const bytes = Buffer.from("a scan hashed while it was screened");
    const sha256 = sha256Hex(bytes);
    const { key } = await store.put(bytes, { sha256 });
    expect(key).toBe(`sha256/${sha256.slice(0, 2)}/${sha256}`);
    expect(await store.read(key)).toEqual(bytes);
    const told = await store.put(Buffer.from("other bytes"), { sha256: "0".repeat(64) });
    await expect(store.read(told.key)).rejects.toBeInstanceOf(FileDamagedError);
    await expect(store.put(bytes, { sha256: "../../etc/passwd" })).rejects.toThrow(/not a file key/);
  });

  it("RG-4: temporary files a crash left are removed at start; whole files and writes in progress are kept", async () => {
    const store = createFileStore(root);
    const { key, sha256 } = await store.put(Buffer.from("a received file"));
    const dir = path.dirname(path.join(root, key));
    const now = Date.now();
    const temp = (pid: number, ageMs: number, suffix: string) => {
      const file = path.join(dir, `${sha256}.${pid}.${suffix}.tmp`);
      fs.writeFileSync(file, "half a file");
      const at = new Date(now - ageMs);
      fs.utimesSync(file, at, at);
      return file;
    };
    const crashed = temp(deadPid(), 5 * 60_000, "0000000a");
    const justCrashed = temp(deadPid(), 5_000, "0000000b");
    const writing = temp(process.pid, 5 * 60_000, "0000000c");
    const ancient = temp(process.pid, 2 * 3_600_000, "0000000d");

    expect(await removeStaleTemporaryFiles(root, now)).toBe(2);
    expect(fs.existsSync(crashed)).toBe(false);
    expect(fs.existsSync(ancient)).toBe(false);
    // Perhaps another machine's write in progress on a shared directory: left for the next start.
    expect(fs.existsSync(justCrashed)).toBe(true);
    // This process is alive and may still rename it into place.
    expect(fs.existsSync(writing)).toBe(true);
    expect((await store.read(key)).toString()).toBe("a received file");
    expect(await removeStaleTemporaryFiles(path.join(root, "missing"), now)).toBe(0);
  });
});
