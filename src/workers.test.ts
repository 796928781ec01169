import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../test/db.js";
import { createAuditSealer } from "./audit/index.js";
import type { LineProcessor } from "./intake/line/index.js";
import type { MailIntake } from "./intake/mail/index.js";
import type { OutboxWorker } from "./outbox/index.js";
import { systemClock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
import { keepLease, listLeases } from "./platform/leases/index.js";
import type { FileStore } from "./platform/storage/file-store.js";
import { startWorkers, type Workers } from "./workers.js";

interface Run {
  owner: string;
  sweep: string;
  start: number;
  end: number;
}

describe.each(testDialects())("background work of several worker processes (%s)", (dialect) => {
  let test: TestDatabase;
  let other: DatabaseHandle;
  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    other = test.reopen();
  });
  afterAll(async () => {
    await other.close();
    await test.drop();
  });

  it("SC-2: a kept lease is renewed while held; abandoned, it runs out and another takes it", async () => {
    const a = await keepLease(test.handle.db, { name: "job", owner: "a", ms: 600 });
    expect(a?.held).toBe(true);
    await sleep(1000); // longer than the lease: only its renewals keep it
    expect(await keepLease(other.db, { name: "job", owner: "b", ms: 600 })).toBeUndefined();
    a?.abandon();
    expect(await keepLease(other.db, { name: "job", owner: "b", ms: 600 })).toBeUndefined();
    await sleep(700);
    const b = await keepLease(other.db, { name: "job", owner: "b", ms: 600 });
    expect(b?.held).toBe(true);
    await b?.release();
    expect(await listLeases(test.handle.db, "job")).toEqual([]);
  });

  it("SC-2: two worker sets never run the same sweep at once; the holder keeps it, the other takes it at its stop", async () => {
    const runs: Run[] = [];
    const sweep = (owner: string, name: string) => async () => {
      const start = Date.now();
      await sleep(300);
      runs.push({ owner, sweep: name, start, end: Date.now() });
    };
    // What these tests do not watch (outbox, mailboxes, LINE) does nothing here; the sweeps are counted.
    const idle = { start() {}, async stop() {}, async drain() {}, async sweep() {} };
    const workersOf = (owner: string, handle: DatabaseHandle): Workers =>
      startWorkers({
        handle,
        files: {} as FileStore,
        outbox: idle as unknown as OutboxWorker,
        mailIntake: { ...idle, watching: () => [] } as unknown as MailIntake,
        line: idle as unknown as LineProcessor,
        auditSealer: createAuditSealer({ handle, clock: systemClock, headFileDir: "", log: () => {} }),
        log: () => {},
        sweepPayments: sweep(owner, "payments"),
        sweepLicences: sweep(owner, "licensing"),
        sweepNotifications: sweep(owner, "notifications"),
        clock: systemClock,
        publicUrl: "http://borikan.test",
        owner,
        leaseMs: 3000,
      });
    const a = workersOf("a", test.handle);
    const b = workersOf("b", other);
    await sleep(11_000); // two ticks of each
    const names = ["payments", "licensing", "notifications"];
    for (const name of names) {
      const of = runs.filter((r) => r.sweep === name);
      expect(of.length).toBeGreaterThanOrEqual(2);
      // One owner while it lives, renewing its own lease at each tick.
      expect(new Set(of.map((r) => r.owner)).size).toBe(1);
    }
    const held = await listLeases(test.handle.db, "sweep:");
    expect(held.find((l) => l.name === "sweep:payments")?.owner).toBe(runs[0]?.owner);
    // The holder of payments stops cleanly: its leases are given up, and the other runs the sweeps next.
    const [holder, survivor] = runs.find((r) => r.sweep === "payments")?.owner === "a" ? [a, b] : [b, a];
    const survivorName = holder === a ? "b" : "a";
    const stoppedAt = Date.now();
    await holder.stop();
    await sleep(6_000);
    await survivor.stop();
    const after = runs.filter((r) => r.sweep === "payments" && r.start > stoppedAt);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(after.every((r) => r.owner === survivorName)).toBe(true);
    // Never two runs of one sweep at the same time, whoever ran them.
    for (const name of names) {
      const of = runs.filter((r) => r.sweep === name).sort((x, y) => x.start - y.start);
      for (let i = 1; i < of.length; i++) expect(of[i]!.start).toBeGreaterThanOrEqual(of[i - 1]!.end);
    }
    expect(Object.keys(survivor.sweepsRun())).toContain("payments");
  }, 40_000);
});
