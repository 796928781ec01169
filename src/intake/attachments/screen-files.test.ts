import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loopLagDuring } from "../../../test/loop-lag.js";
import { sha256Hex } from "../../platform/ids.js";
import { createFileStore, type FileStore } from "../../platform/storage/file-store.js";
import { createThreadPool } from "../../platform/threads/index.js";
import { screenFileTask } from "./screen-file.task.js";
import { screenFileOn } from "./screen-file-pooled.js";
import type { ReceivedFile } from "./screen-files.js";
import { screenFiles } from "./screen-files.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/files");
/** A fresh copy each time, owning its whole buffer (as a multipart reader's file does). */
const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const MAX = 10 * 1024 * 1024;

// [fixture, name the citizen gave it]: the allow-list cases of file-policy.test.ts, accepted and refused.
const CASES: [string, string][] = [
  ["sample.pdf", "คำร้อง.pdf"],
  ["sample.docx", "sample.docx"],
  ["sample.xlsx", "sample.xlsx"],
  ["sample.doc", "sample.doc"],
  ["sample.xls", "sample.xls"],
  ["sample.txt", "sample.txt"],
  ["sample-tis620.txt", "sample-tis620.txt"],
  ["photo.jpg", "photo.jpg"],
  ["photo.jpg", "photo.JPEG"],
  ["photo.png", "photo.png"],
  ["scan.tiff", "scan.tiff"],
  ["scan.bmp", "scan.bmp"],
  ["photo.heic", "IMG_0001.HEIC"],
  ["photo.png", "photo.jpg"],
  ["disguised-invoice.pdf", "invoice.pdf"],
  ["disguised-invoice.pdf", "setup.exe"],
  ["fake.docx", "fake.docx"],
  ["sample.doc", "slides.ppt"],
  ["empty.txt", "empty.txt"],
  ["binary.txt", "binary.txt"],
  ["sample.txt", "notes.pdf"],
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-screen-"));
const pool = createThreadPool(1);
afterAll(async () => {
  await pool.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The local store, its puts recorded: the bytes' digest and the digest it was told. */
function recordingStore() {
  const store = createFileStore(root);
  const puts: { sha256: string; told: string | undefined }[] = [];
  const recording: FileStore = {
    ...store,
    put: (bytes, known) => {
      puts.push({ sha256: sha256Hex(bytes), told: known?.sha256 });
      return store.put(bytes, known);
    },
  };
  return { store: recording, puts };
}

describe("files screened and hashed in the thread pool", () => {
  it.each(CASES)("FM-3, RG-4: %s named %s gets the inline verdict and sha256", async (file, filename) => {
    const inline = await screenFileTask({ filename, bytes: fixture(file), maxFileBytes: MAX });
    const bytes = fixture(file);
    const pooled = await screenFileOn(pool, { filename, bytes, maxFileBytes: MAX });
    expect(pooled.verdict).toEqual(inline.verdict);
    expect(pooled.sha256).toBe(inline.sha256);
    expect(pooled.sha256).toBe(inline.verdict.accepted ? sha256Hex(fixture(file)) : null);
    // Screened in the thread: the bytes went there (the caller's view emptied) and came back whole.
    expect(bytes.byteLength).toBe(0);
    expect(Buffer.from(pooled.bytes).equals(Buffer.from(fixture(file)))).toBe(true);
  });

  it("FM-3: an oversized file is refused in the pool as inline, its bytes given back", async () => {
    const big = () => Object.assign(new Uint8Array(2 * MAX), [0x25, 0x50, 0x44, 0x46, 0x2d]);
    const pooled = await screenFileOn(pool, { filename: "big.pdf", bytes: big(), maxFileBytes: MAX });
    expect(pooled).toMatchObject({ verdict: { accepted: false, code: "FILE_TOO_LARGE" }, sha256: null });
    expect(pooled.bytes.byteLength).toBe(2 * MAX);
  });

  it("FM-3, RG-4: screenFiles with the pool stores and lists the files in their order, each once under the thread's sha256", async () => {
    const received = (): ReceivedFile[] => [
      ...[
        ["sample.pdf", "คำร้อง.pdf"],
        ["disguised-invoice.pdf", "invoice.pdf"],
        ["photo.jpg", "photo.jpg"],
        ["empty.txt", "empty.txt"],
        ["photo.png", "scan.png"],
      ].map(([file, filename]) => {
        const bytes = Buffer.from(fixture(file!));
        return { filename: filename!, bytes, size: bytes.byteLength };
      }),
      { filename: "huge.pdf", bytes: Buffer.alloc(0), size: 99 * MAX, refusal: "FILE_TOO_LARGE" },
    ];
    const inline = await screenFiles(recordingStore().store, received(), MAX);
    const { store, puts } = recordingStore();
    const files = received();
    let stored = 0;
    const pooled = await screenFiles(store, files, MAX, { threads: pool, afterEachFile: () => stored++ });
    expect(pooled).toEqual(inline);
    expect(pooled.map((f) => f.refusalCode)).toEqual([
      null,
      "FILE_DISGUISED",
      null,
      "FILE_EMPTY",
      null,
      "FILE_TOO_LARGE",
    ]);
    // Stored once each, in order, under the digest the thread took, which is the bytes' own.
    expect(puts.map((p) => p.told)).toEqual([pooled[0]!.sha256, pooled[2]!.sha256, pooled[4]!.sha256]);
    for (const put of puts) expect(put.told).toBe(put.sha256);
    expect(stored).toBe(3);
    for (const [i, name] of ["sample.pdf", "photo.jpg", "photo.png"].entries()) {
      const record = pooled[i * 2]!;
      expect(record.sha256).toBe(sha256Hex(fixture(name)));
      expect((await store.read(record.storageKey!)).equals(Buffer.from(fixture(name)))).toBe(true);
    }
    // The caller's files hold their bytes again, as Buffers, after their trip to the thread.
    expect(files.map((f) => Buffer.isBuffer(f.bytes) && f.bytes.byteLength)).toEqual(
      received().map((f) => f.bytes.byteLength),
    );
  });

  it("FM-3: files whose bytes share one buffer are screened where they are, none read empty", async () => {
    const pdf = fixture("sample.pdf");
    const both = new Uint8Array(pdf.byteLength * 2);
    both.set(pdf, 0);
    both.set(pdf, pdf.byteLength);
    const files = [0, 1].map((i) => ({
      filename: `copy-${i}.pdf`,
      bytes: both.subarray(i * pdf.byteLength, (i + 1) * pdf.byteLength),
      size: pdf.byteLength,
    }));
    const screened = await screenFiles(recordingStore().store, files, MAX, { threads: pool });
    expect(screened.map((f) => [f.refusalCode, f.sha256])).toEqual([
      [null, sha256Hex(pdf)],
      [null, sha256Hex(pdf)],
    ]);
    expect(both.byteLength).toBe(pdf.byteLength * 2);
  });

  it("keeps the event loop responsive while 6 files of 32 MB are checked and hashed", async () => {
    const pdfLike = () => Object.assign(new Uint8Array(32 << 20).fill(0x41), [0x25, 0x50, 0x44, 0x46, 0x2d]);
    // The thread started and its modules loaded first: not what is measured.
    await screenFileOn(pool, { filename: "warm.pdf", bytes: fixture("sample.pdf"), maxFileBytes: MAX });
    const files = Array.from({ length: 6 }, pdfLike);
    const {
      result: outcomes,
      took,
      worstLag,
    } = await loopLagDuring(() =>
      Promise.all(
        files.map((bytes) => screenFileOn(pool, { filename: "scan.pdf", bytes, maxFileBytes: 40 << 20 })),
      ),
    );
    expect(outcomes.every((o) => o.verdict.accepted && o.sha256 === sha256Hex(pdfLike()))).toBe(true);
    // The work took far longer than any one stall of the timer: the loop was free while it ran.
    expect(worstLag).toBeLessThan(Math.max(100, took / 2));
    console.log(`6 × 32 MB screened: ${took.toFixed(0)} ms; worst timer lag ${worstLag.toFixed(1)} ms`);
  }, 30_000);
});
