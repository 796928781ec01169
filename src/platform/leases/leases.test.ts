import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../test/db.js";
import type { DatabaseHandle } from "../db/database.js";
import {
  acquireLease,
  listHeartbeats,
  listLeases,
  newProcessIdentity,
  recordHeartbeat,
  releaseLease,
  removeHeartbeat,
  runUnderLease,
} from "./index.js";

describe.each(testDialects())("leases and heartbeats (%s)", (dialect) => {
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
  const at = (s: number) => new Date(Date.UTC(2026, 11, 6, 3, 0, s));

  it("SC-2: one owner at a time; the holder renews, another takes over once it runs out", async () => {
    const db = test.handle.db;
    expect(await acquireLease(db, "sweep:a", "p1", 10_000, at(0))).toBe(true);
    expect(await acquireLease(other.db, "sweep:a", "p2", 10_000, at(5))).toBe(false);
    expect(await acquireLease(db, "sweep:a", "p1", 10_000, at(8))).toBe(true);
    const [held] = await listLeases(db, "sweep:");
    expect(held).toMatchObject({
      owner: "p1",
      acquiredAt: at(0).toISOString(),
      leaseUntil: at(18).toISOString(),
    });
    expect(await acquireLease(other.db, "sweep:a", "p2", 10_000, at(17))).toBe(false);
    expect(await acquireLease(other.db, "sweep:a", "p2", 10_000, at(19))).toBe(true);
    expect((await listLeases(db, "sweep:"))[0]).toMatchObject({
      owner: "p2",
      acquiredAt: at(19).toISOString(),
    });
    await releaseLease(db, "sweep:a", "p1"); // not p1's any more: nothing happens
    expect(await listLeases(db, "sweep:")).toHaveLength(1);
    await releaseLease(other.db, "sweep:a", "p2");
    expect(await listLeases(db, "sweep:")).toHaveLength(0);
  });

  it("SC-2: of many processes racing for one lease, exactly one gets it", async () => {
    const handles = [test.handle, other];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => acquireLease(handles[i % 2]!.db, "race", `p${i}`, 60_000, at(30))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    let runs = 0;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runUnderLease(
          handles[i % 2]!.db,
          { name: "once", owner: `q${i}`, ms: 60_000, now: at(31) },
          async () => {
            runs++;
          },
        ),
      ),
    );
    expect(runs).toBe(1);
  });

  it("heartbeats are one row per process, updated in place, removed at a clean stop", async () => {
    const db = test.handle.db;
    const web = newProcessIdentity("web", at(0));
    const worker = newProcessIdentity("worker", at(0));
    await recordHeartbeat(db, web, at(1));
    await recordHeartbeat(db, worker, at(2), { mailboxes: 3 });
    await recordHeartbeat(db, worker, at(4), { mailboxes: 4 });
    const beats = await listHeartbeats(db);
    expect(beats.map((b) => [b.role, b.beatAt, b.detail])).toEqual([
      ["worker", at(4).toISOString(), { mailboxes: 4 }],
      ["web", at(1).toISOString(), {}],
    ]);
    expect(await listHeartbeats(db, at(3))).toHaveLength(1);
    await removeHeartbeat(db, worker);
    expect(await listHeartbeats(db)).toHaveLength(0);
  });
});
