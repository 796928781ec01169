import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { multipartBody } from "../../../test/multipart.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { sha256Hex } from "../../platform/ids.js";

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.resolve(import.meta.dirname, "../../../test/fixtures/files", name)));
/** A scan of several MB: a PDF's header, then pages of bytes. */
const bigScan = () => Object.assign(new Uint8Array(6 << 20).fill(0x20), [0x25, 0x50, 0x44, 0x46, 0x2d]);

/** Runs `work` counting the hashes of 1 MB or more taken on this thread meanwhile. */
async function hashesOnTheLoop<T>(work: () => Promise<T>) {
  const createHash = crypto.createHash;
  let bigHashes = 0;
  crypto.createHash = ((algorithm: string, options?: crypto.HashOptions) => {
    const hash = createHash(algorithm, options);
    const update = hash.update.bind(hash);
    hash.update = ((data: crypto.BinaryLike, encoding?: crypto.Encoding) => {
      if (typeof data !== "string" && data.byteLength >= 1 << 20) bigHashes++;
      return typeof data === "string" && encoding ? update(data, encoding) : update(data);
    }) as typeof hash.update;
    return hash;
  }) as typeof createHash;
  try {
    return { result: await work(), bigHashes };
  } finally {
    crypto.createHash = createHash;
  }
}

// #18 screenpool: the service's own pool (THREADS=1) checks and hashes the files of a web submission.
describe.each(testDialects())("web attachments screened in the service's thread pool on %s", (dialect) => {
  let service: TestService;
  const puts: { bytes: Uint8Array; told: string | undefined }[] = [];
  beforeAll(async () => {
    service = await startTestService(dialect, { env: { THREADS: "1", UPLOAD_MAX_FILE_MB: "10" } });
    // The intake holds this very store: its puts are seen here.
    const put = service.files.put.bind(service.files);
    service.files.put = (bytes, known) => {
      puts.push({ bytes, told: known?.sha256 });
      return put(bytes, known);
    };
  });
  afterAll(() => service?.stop());

  it("RG-4, FM-3: each accepted file is stored once under its own sha256, taken once; refusals kept in place", async () => {
    const files = [
      { filename: "application.pdf", bytes: fixture("sample.pdf") },
      { filename: "invoice.pdf", bytes: fixture("disguised-invoice.pdf") },
      { filename: "photo.jpg", bytes: fixture("photo.jpg") },
      { filename: "scan.pdf", bytes: bigScan() },
      { filename: "photo.png", bytes: fixture("photo.png") },
    ];
    const form = await multipartBody(
      { name: "สมหญิง รักดี", subject: "ขอสำเนา", message: "ไฟล์แนบ", confirmed: "true", phone: "0812345678" },
      files,
    );
    const { result: res, bigHashes } = await hashesOnTheLoop(() =>
      service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        ...form,
        headers: { ...form.headers, "idempotency-key": `pooled-${dialect}` },
      }),
    );
    // The 6 MB scan was hashed in the thread only: on the event loop, nothing that size was.
    expect(bigHashes).toBe(0);
    expect(res.statusCode).toBe(201);
    expect(res.json().attachments.map((a: { accepted: boolean }) => a.accepted)).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
    const rows = await service.handle.db
      .selectFrom("attachments")
      .select(["position", "sha256", "storage_key", "refusal_code", "size"])
      .orderBy("position")
      .execute();
    expect(rows.map((r) => r.refusal_code)).toEqual([null, "FILE_DISGUISED", null, null, null]);
    const accepted = files.filter((_, i) => i !== 1);
    // Stored once each, in the files' order, under the digest told by the screening (the bytes' own).
    expect(puts.map((p) => [sha256Hex(p.bytes), p.told])).toEqual(
      accepted.map((f) => [sha256Hex(f.bytes), sha256Hex(f.bytes)]),
    );
    for (const [i, row] of rows.filter((r) => !r.refusal_code).entries()) {
      expect(row.sha256).toBe(sha256Hex(accepted[i]!.bytes));
      expect((await service.files.read(row.storage_key!)).equals(Buffer.from(accepted[i]!.bytes))).toBe(true);
    }
    expect(rows[3]!.size).toBe(6 << 20);
  });
});
