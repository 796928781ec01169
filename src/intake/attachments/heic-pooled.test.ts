import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createThreadPool } from "../../platform/threads/index.js";
import { convertHeicToJpeg } from "./heic.js";
import { convertHeicOn } from "./heic-pooled.js";

const photo = () =>
  new Uint8Array(readFileSync(new URL("../../../test/fixtures/files/photo.heic", import.meta.url)));

describe("HEIC converted in the thread pool", () => {
  const pool = createThreadPool(1);
  afterAll(() => pool.close());

  it("gives the very JPEG the inline conversion gives, the photo moved to the thread", async () => {
    const bytes = photo();
    const pooled = await convertHeicOn(pool, bytes);
    expect(bytes.byteLength).toBe(0); // moved, not copied
    expect(Buffer.from(pooled).equals(Buffer.from(await convertHeicToJpeg(photo())))).toBe(true);
  }, 60_000);

  it("rejects bytes that are not HEIC, as inline", async () => {
    await expect(
      convertHeicOn(pool, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
    ).rejects.toThrow();
  });
});
