import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BorikanProcess, startBorikan } from "../../test/process.js";
import { type DatabaseHandle, openDatabase } from "../platform/db/database.js";

/*
 * #18 shared, fault "PostgreSQL restarted under load": Borikan (ROLE=all, a real process) takes web
 * submissions from a few clients while its PostgreSQL server is stopped as an operator would (fast:
 * sessions cut), kept down two seconds and started again. PostgreSQL only, on a private server of its
 * own (so it can be restarted), whether or not TEST_PG_URL names one.
 */
const run = promisify(execFile);
const PG_SCRIPT = path.resolve(import.meta.dirname, "../../scripts/pg-test-server.sh");
const CLIENTS = 4;
const DOWN_SECONDS = 2;
// Longer than the pool's connect timeout (10 s): a request held past it is a hang, not an answer.
const REQUEST_TIMEOUT_MS = 20_000;

interface Answer {
  status: number | "timeout";
  at: number;
  retryAfter: string | null;
  code?: string;
  receiptNumber?: string;
}

describe("PostgreSQL restarted under load", () => {
  let dir: string;
  let dataDir: string;
  let url: string;
  let borikan: BorikanProcess;
  let port: number;
  let check: DatabaseHandle;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-pg-restart-"));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-pg-restart-data-"));
    url = (await run("bash", [PG_SCRIPT, "start", dir])).stdout.trim();
    borikan = startBorikan({
      ROLE: "all",
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: "0",
      PUBLIC_URL: "http://borikan.test",
    });
    port = (await borikan.ready).port!;
    check = openDatabase(url);
  }, 90_000);

  afterAll(async () => {
    if (borikan?.isRunning()) borikan.child.kill("SIGKILL");
    await borikan?.exited;
    await check?.close();
    if (dir) await run("bash", [PG_SCRIPT, "stop", dir]);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function submit(subject: string): Promise<Answer> {
    const at = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/requests`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "th" },
        body: JSON.stringify({ name: "สมชาย ใจดี", phone: "0812345678", subject, confirmed: true }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      const body = JSON.parse(text) as { receiptNumber?: string; error?: { code: string } };
      const retryAfter = res.headers.get("retry-after");
      return {
        status: res.status,
        at,
        retryAfter,
        code: body.error?.code,
        receiptNumber: body.receiptNumber,
      };
    } catch {
      return { status: "timeout", at, retryAfter: null };
    }
  }

  it("RG-1: clients get 201 or a 503 with Retry-After, the service serves again by itself, every 201 is registered once and numbers stay gapless", async () => {
    const answers: Answer[] = [];
    let stopping = false;
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; !stopping; i++) answers.push(await submit(`คำขอ ${c}-${i}`));
    });
    const served = (after: number) => answers.filter((a) => a.status === 201 && a.at > after).length;

    while (served(0) < 10) await sleep(100);
    const down = performance.now();
    await run("bash", [PG_SCRIPT, "restart", dir, String(DOWN_SECONDS)]);
    const up = performance.now();
    // Served again without a restart of Borikan: 20 more submissions sent after the server came back.
    const deadline = up + 60_000;
    while (served(up) < 20 && performance.now() < deadline) await sleep(100);
    stopping = true;
    await Promise.all(clients);

    expect(borikan.isRunning(), borikan.output()).toBe(true);
    expect(served(up), "201s after PostgreSQL came back").toBeGreaterThanOrEqual(20);
    const failed = answers.filter((a) => a.status !== 201);
    // Never a 500, never a hang: a clear 503, in the user's language, with when to try again.
    expect(failed.filter((a) => a.status !== 503)).toEqual([]);
    for (const a of failed) {
      expect(a.code).toBe("DATABASE_UNAVAILABLE");
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // The clients did meet the outage (else this test proves nothing).
    expect(failed.filter((a) => a.at >= down && a.at <= up).length).toBeGreaterThan(0);

    // Every acknowledged submission registered exactly once, and the numbers of the year gapless.
    const entries = await check.db
      .selectFrom("entries")
      .select(["receipt_number", "sequence", "be_year"])
      .where("agency_id", "=", "demo")
      .orderBy("sequence")
      .execute();
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.receiptNumber);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    const registered = new Map(entries.map((e) => [e.receipt_number, 0]));
    for (const e of entries) registered.set(e.receipt_number, (registered.get(e.receipt_number) ?? 0) + 1);
    for (const receipt of acknowledged) expect(registered.get(receipt as string), receipt).toBe(1);
    expect(new Set(entries.map((e) => e.be_year)).size).toBe(1);
    expect(entries.map((e) => Number(e.sequence))).toEqual(entries.map((_, i) => i + 1));
    // At most the 503s whose commit landed before the answer was lost are registered unacknowledged.
    expect(entries.length - acknowledged.length).toBeLessThanOrEqual(failed.length);
  }, 110_000);
});
