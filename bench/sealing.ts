/**
 * Sealing benchmark (issue #13, ID-7): what encryption at rest costs.
 *
 *   npm run bench -- sealing [--requests 300] [--photo-mb 5]
 *
 * In-process on SQLite (the figures are for comparison, beside each other in one run):
 *   (a) web submissions (POST /api/v1/requests with a 100 kB file) per second, sealed, and the same with
 *       the sealing plugin taken off the handle and an unsealed file store (the bare baseline);
 *   (b) storing and reading back an application's evidence photo of `--photo-mb` MB, sealed and not.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../src/platform/clock.js";
import { createFileStore } from "../src/platform/storage/file-store.js";
import { startTestService } from "../test/service.js";
import { buildPayload } from "./payload.js";

export async function runSealingBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { requests: { type: "string", default: "300" }, "photo-mb": { type: "string", default: "5" } },
  });
  const requests = Number(values.requests);
  const lines: string[] = [];
  for (const sealed of [true, false]) {
    const service = await startTestService("sqlite", { clock: systemClock });
    if (!sealed) {
      service.handle.db = service.handle.db.withoutPlugins();
      Object.assign(service.files, createFileStore(service.files.root!));
    }
    const payload = buildPayload(100 * 1024, crypto.randomBytes(4).toString("hex"));
    const send = (i: number) =>
      service.app.inject({
        method: "POST",
        url: "/api/v1/requests",
        headers: { "content-type": payload.contentType },
        payload: payload.body(i),
      });
    for (let i = 0; i < 20; i++) await send(i); // warm-up
    const started = process.hrtime.bigint();
    for (let i = 0; i < requests; i++) {
      const res = await send(1000 + i);
      if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    lines.push(
      `| web submissions, ${sealed ? "sealed" : "bare (plugin off)"} | ${(requests / seconds).toFixed(1)} /s |`,
    );
    await service.stop();
  }
  const photo = crypto.randomBytes(Number(values["photo-mb"]) * 1024 * 1024);
  const service = await startTestService("sqlite", { clock: systemClock });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-seal-"));
  for (const [label, store] of [
    ["sealed", createFileStore(path.join(root, "s"), service.sealer)],
    ["bare", createFileStore(path.join(root, "b"))],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      photo.writeUInt32BE(i, 0);
      const t = process.hrtime.bigint();
      const { key } = await store.put(photo);
      const back = await store.read(key);
      if (back.length !== photo.length) throw new Error("photo did not read back");
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    lines.push(
      `| ${values["photo-mb"]} MB evidence photo stored and read back, ${label} | median ${times[5]?.toFixed(1)} ms |`,
    );
  }
  fs.rmSync(root, { recursive: true, force: true });
  await service.stop();
  console.log(["| Measure | Result |", "| --- | --- |", ...lines].join("\n"));
  return 0;
}
