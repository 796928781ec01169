import { readFileSync } from "node:fs";
import { fileTypeFromBuffer } from "file-type";
import { describe, expect, it } from "vitest";
import { convertHeicToJpeg } from "./heic.js";

const heic = new Uint8Array(
  readFileSync(new URL("../../../test/fixtures/files/photo.heic", import.meta.url)),
);

describe("convertHeicToJpeg", () => {
  it("turns a phone HEIC photo into a JPEG for viewing", async () => {
    const jpeg = await convertHeicToJpeg(heic);
    expect(Array.from(jpeg.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    expect((await fileTypeFromBuffer(jpeg))?.mime).toBe("image/jpeg");
  });

  it("rejects bytes that are not HEIC", async () => {
    await expect(
      convertHeicToJpeg(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])),
    ).rejects.toThrow();
  });
});
