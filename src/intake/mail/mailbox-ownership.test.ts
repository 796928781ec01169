import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV, mailText } from "../../../test/mail.js";
import { startTestService, type TestService } from "../../../test/service.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { listLeases, newProcessIdentity, recordHeartbeat } from "../../platform/leases/index.js";
import { createMailIntake, type MailIntake } from "./imap-intake.js";
import { mailboxShare } from "./mailbox-ownership.js";

const LEASE_MS = 2000;

describe.each(testDialects())("one owner per mailbox pass, on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let service: TestService;
  let second: DatabaseHandle;

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    service = await startTestService(dialect, {
      env: mailbox ? { [MAILBOX_SECRET_ENV]: mailbox.password } : {},
    });
    second = service.database.reopen();
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await service?.stop();
    await mailbox?.stop();
  });

  /** A worker's mail intake as `createService` makes it, on its own database handle (as another process). */
  const worker = (handle: DatabaseHandle, owner: string): MailIntake =>
    createMailIntake({
      handle,
      clock: service.clock,
      files: service.files,
      secret: "test-secret",
      maxFileBytes: 10 * 1024 * 1024,
      log: () => {},
      env: { [MAILBOX_SECRET_ENV]: mailbox?.password ?? "" },
      settingsCheckMs: 200,
      ownership: { owner, leaseMs: LEASE_MS, heartbeatMs: 1000 },
    });

  it("SC-2: live workers share the mailboxes, each taking at most its rounded-up part", async () => {
    const db = service.handle.db;
    const ownership = { owner: "x", leaseMs: LEASE_MS, heartbeatMs: 1000 };
    expect(await mailboxShare(db, ownership, 500)).toBe(500); // no worker has beaten yet: this one alone
    const now = new Date();
    for (const role of ["worker", "worker", "all", "web"])
      await recordHeartbeat(db, newProcessIdentity(role, now), now);
    // Three workers (the web process takes no mail); a beat older than three intervals is a dead worker.
    const stale = new Date(now.getTime() - 3500);
    await recordHeartbeat(db, newProcessIdentity("worker", stale), stale);
    expect(await mailboxShare(db, ownership, 500)).toBe(167);
    expect(await mailboxShare(db, ownership, 2)).toBe(1);
    await db.deleteFrom("worker_heartbeats").execute();
  });

  it("CH-12, SC-2: of two workers exactly one watches a mailbox; when it dies the other takes it over", async (ctx) => {
    if (!mailbox) return ctx.skip();
    // A short poll as well as IDLE, so a slow machine does not turn a missed wake into a failure.
    await connectDemoMailbox(service, mailbox, { pollSeconds: 3 });
    const a = worker(service.handle, "worker-a");
    const b = worker(second, "worker-b");
    a.start();
    b.start();
    try {
      const watchers = () => [...a.watching(), ...b.watching()];
      const deadline = Date.now() + 10_000;
      while (watchers().length === 0 && Date.now() < deadline) await sleep(100);
      // Sampled over more than a lease's length: always one watcher, the one the lease names.
      for (let i = 0; i < 12; i++) {
        expect(watchers()).toEqual(["demo"]);
        await sleep(250);
      }
      const [first, other] = a.watching().length > 0 ? [a, b] : [b, a];
      const [lease] = await listLeases(service.handle.db, "mailbox:");
      expect(lease?.owner).toBe(first === a ? "worker-a" : "worker-b");

      // The owner dies: its loop ends without giving the lease up, which runs out; the other takes over.
      const died = Date.now();
      await first.stop({ abandon: true });
      while (other.watching().length === 0 && Date.now() - died < 10_000) await sleep(100);
      expect(other.watching()).toEqual(["demo"]);
      expect(Date.now() - died).toBeGreaterThan(LEASE_MS / 3); // not before the lease could run out
      expect(Date.now() - died).toBeLessThan(LEASE_MS + 3000);
      expect((await listLeases(service.handle.db, "mailbox:"))[0]?.owner).toBe(
        other === a ? "worker-a" : "worker-b",
      );

      // The survivor really watches: new mail is registered, once.
      await mailbox.append(
        "INBOX",
        mailText({ from: "own@example.com", subject: "taken over", body: "hi", messageId: "<own-1@x>" }),
      );
      const registered = async () =>
        (
          await service.handle.db
            .selectFrom("entries")
            .select("id")
            .where("source_message_id", "=", "<own-1@x>")
            .execute()
        ).length;
      const until = Date.now() + 30_000;
      while ((await registered()) === 0 && Date.now() < until) await sleep(200);
      expect(await registered()).toBe(1);

      // A clean stop gives the lease up at once.
      await other.stop();
      expect(await listLeases(service.handle.db, "mailbox:")).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
