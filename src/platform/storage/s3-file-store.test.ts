import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "../../../test/s3.js";
import { loadConfig } from "../../config/index.js";
import type { FileStore } from "./file-store.js";
import { openFileStore } from "./open-file-store.js";
import { FileDamagedError, FileMissingError, StorageUnavailableError } from "./stored-file.js";

let s3: TestS3;
let store: FileStore;
beforeAll(async () => {
  s3 = await startTestS3();
  // Through the settings an operator writes, so their parsing is what is tested.
  store = openFileStore(loadConfig({ ...s3.env, S3_MAX_ATTEMPTS: "4" }).storage);
});
afterAll(() => s3?.stop());
beforeEach(() => s3.up());

/** Requests the proxy saw while `work` ran. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const before = s3.requests();
  const result = await work();
  return { result, requests: s3.requests() - before };
}

describe("the S3-compatible file store (on a local S3 server)", () => {
  it("RG-4: stores content-addressed under the prefix and reads back the same bytes; check() heads the bucket", async () => {
    await store.check();
    const bytes = Buffer.from("คำขออนุญาต: a received file");
    const { key, sha256 } = await store.put(bytes);
    expect(sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    expect(key).toBe(`sha256/${sha256.slice(0, 2)}/${sha256}`);
    expect(fs.existsSync(s3.objectFile(key))).toBe(true);
    expect(await store.read(key)).toEqual(bytes);
    // Storing equal bytes again is the same object.
    expect((await store.put(Buffer.from(bytes))).key).toBe(key);
  });

  // #18 screenpool
  it("RG-4: told the sha256 (taken in a thread), stores under it and reads back verified; a wrong one never passes", async () => {
    const bytes = crypto.randomBytes(6 * 1024 * 1024);
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const { key } = await store.put(bytes, { sha256 });
    expect(key).toBe(`sha256/${sha256.slice(0, 2)}/${sha256}`);
    expect((await store.read(key)).equals(bytes)).toBe(true);
    const wrong = "0".repeat(64);
    const told = await store.put(Buffer.from("other bytes"), { sha256: wrong });
    await expect(store.read(told.key)).rejects.toBeInstanceOf(FileDamagedError);
    await expect(store.put(bytes, { sha256: "not a digest" })).rejects.toThrow(/not a file key/);
  });

  it("RG-4: a file above 5 MB goes up in parts and reads back equal", async () => {
    const big = crypto.randomBytes(11 * 1024 * 1024 + 123);
    const { result, requests } = await counted(() => store.put(big));
    // Create, three parts, complete: one PUT could not have done it.
    expect(requests).toBeGreaterThanOrEqual(5);
    expect((await store.read(result.key)).equals(big)).toBe(true);
  });

  it("retries SlowDown, 500 and a dropped connection, each attempt counted at the proxy", async () => {
    s3.failNext(2, "slowdown");
    const put = await counted(() => store.put(Buffer.from("after SlowDown")));
    expect(put.requests).toBe(3);
    s3.failNext(1, "internal");
    s3.failNext(1, "drop");
    const read = await counted(() => store.read(put.result.key));
    expect(read.requests).toBe(3);
    expect(read.result.toString()).toBe("after SlowDown");
    // A multipart upload's part is retried on its own.
    const big = crypto.randomBytes(6 * 1024 * 1024);
    s3.failNext(1, "unavailable");
    expect((await store.read((await store.put(big)).key)).equals(big)).toBe(true);
  });

  it("past its attempts the store is unavailable (a 503 upstream), and works again when it is back", async () => {
    s3.downFor(60_000);
    const { requests } = await counted(() =>
      expect(store.put(Buffer.from("while down"))).rejects.toBeInstanceOf(StorageUnavailableError),
    );
    expect(requests).toBe(4);
    await expect(store.check()).rejects.toThrow();
    s3.up();
    const { key } = await store.put(Buffer.from("while down"));
    expect((await store.read(key)).toString()).toBe("while down");
  });

  it("RG-4: a missing object is reported as missing, not as an outage", async () => {
    const key = `sha256/ab/${"ab".padEnd(64, "0")}`;
    const error = await store.read(key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileMissingError);
    expect((error as FileMissingError).key).toBe(key);
  });

  it("RG-4: bytes changed in the store are detected on read, never served", async () => {
    const { key } = await store.put(Buffer.from("the original scan"));
    fs.writeFileSync(s3.objectFile(key), "a forged scan");
    await expect(store.read(key)).rejects.toBeInstanceOf(FileDamagedError);
    // What backups copy is the raw object; they check it themselves.
    expect((await store.readStored(key)).toString()).toBe("a forged scan");
  });
});
