import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../test/db.js";
import { type BorikanProcess, startBorikan } from "../test/process.js";
import { startSmtpListener } from "../test/smtp.js";

/** Polls `check` until it holds or `ms` pass. */
async function eventually(check: () => Promise<boolean> | boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.each(testDialects())("web and worker as separate processes on %s", (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let database: TestDatabase;
  let dataDir: string;
  let web: BorikanProcess;
  let firstWorker: BorikanProcess;
  let port: number;
  const started = new Set<BorikanProcess>();

  const start = (role: "web" | "worker") => {
    const p = startBorikan({
      ROLE: role,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: "0",
      PUBLIC_URL: "http://borikan.test",
      SMTP_URL: smtp.url,
      // A send cut off is taken over (and marked uncertain) after 2 s rather than 2 minutes.
      OUTBOX_LEASE_SECONDS: "2",
    });
    started.add(p);
    return p;
  };

  /** Submits a request to the web process over HTTP, as a citizen's browser or client would. */
  async function submit(subject: string): Promise<{ entryId: string; receiptNumber: string }> {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/requests`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "สมชาย ใจดี", email: "somchai@example.com", subject, confirmed: true }),
    });
    const body = (await res.json()) as { receiptNumber: string };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const entry = await database.handle.db
      .selectFrom("entries")
      .select("id")
      .where("receipt_number", "=", body.receiptNumber)
      .executeTakeFirstOrThrow();
    return { entryId: entry.id, receiptNumber: body.receiptNumber };
  }

  const delivered = (receiptNumber: string) =>
    smtp.messages.filter((m) => (m.text ?? "").includes(receiptNumber)).length;
  const outboxOf = (entryId: string) =>
    database.handle.db
      .selectFrom("outbox")
      .select(["status", "attempts"])
      .where("entry_id", "=", entryId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startSmtpListener();
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-roles-"));
    // Started together on an empty database, as a deployment would: both migrate and seed it.
    web = start("web");
    firstWorker = start("worker");
    port = (await web.ready).port!;
    await firstWorker.ready;
  }, 60_000);

  afterAll(async () => {
    for (const p of started) if (p.isRunning()) p.child.kill("SIGKILL");
    await Promise.all([...started].map((p) => p.exited));
    await smtp?.close();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("CH-4: a request submitted to the web process is acknowledged by mail sent from the worker process, which runs until stopped", async () => {
    const worker = firstWorker;
    const { entryId, receiptNumber } = await submit("คำขอผ่านสองกระบวนการ");
    await eventually(() => delivered(receiptNumber) === 1, 30_000, "the acknowledgement");
    // The listener has the message a moment before the worker reads its answer and records it.
    await eventually(async () => (await outboxOf(entryId)).status === "sent", 10_000, "the sent mark");
    expect(delivered(receiptNumber)).toBe(1);
    // Still running well after its start (it used to exit after a few seconds with nothing to do).
    await sleep(6000);
    expect(worker.isRunning()).toBe(true);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it("CH-4: SIGTERM while a send is in flight: the worker finishes it, exits 0, and the restarted worker sends nothing twice", async () => {
    // Only this test's worker may take the message (the first one is gone unless its test failed early).
    if (firstWorker.isRunning()) {
      firstWorker.child.kill("SIGKILL");
      await firstWorker.exited;
    }
    const worker = start("worker");
    await worker.ready;
    const hold = smtp.hold();
    const { entryId, receiptNumber } = await submit("หยุดระหว่างส่ง");
    await hold.arrived; // the mail server has the message and has not answered yet
    worker.child.kill("SIGTERM");
    await sleep(1000);
    expect(worker.isRunning()).toBe(true); // waiting for the answer, not cut off
    hold.release();
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(delivered(receiptNumber)).toBe(1);
    expect(await outboxOf(entryId)).toMatchObject({ status: "sent", attempts: 1 });

    const again = start("worker");
    await again.ready;
    await sleep(4000); // several outbox passes, past the lease
    expect(delivered(receiptNumber)).toBe(1);
    expect(await outboxOf(entryId)).toMatchObject({ status: "sent", attempts: 1 });
    again.child.kill("SIGTERM");
    expect((await again.exited).code).toBe(0);
  }, 90_000);

  it("CH-4: a second SIGTERM stops at once; the send it cut off is marked uncertain by the next worker, never sent again", async () => {
    const worker = start("worker");
    await worker.ready;
    const hold = smtp.hold();
    const { entryId, receiptNumber } = await submit("หยุดทันที");
    await hold.arrived;
    worker.child.kill("SIGTERM");
    await sleep(300);
    worker.child.kill("SIGTERM");
    expect((await worker.exited).code).toBe(143);
    await sleep(300); // the listener sees the connection go before it would answer
    hold.release();
    expect(await outboxOf(entryId)).toMatchObject({ status: "sending" });

    const again = start("worker");
    await again.ready;
    await eventually(
      async () => (await outboxOf(entryId)).status === "uncertain",
      20_000,
      "the cut-off send to be marked uncertain",
    );
    await sleep(2000);
    expect(delivered(receiptNumber)).toBe(0);
    expect(await outboxOf(entryId)).toMatchObject({ status: "uncertain", attempts: 1 });
    again.child.kill("SIGINT");
    expect((await again.exited).code).toBe(0);
  }, 90_000);

  it("the web process stops on SIGTERM with code 0", async () => {
    web.child.kill("SIGTERM");
    expect(await web.exited).toEqual({ code: 0, signal: null });
  }, 30_000);
});
