import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../../../test/line-webhook.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { createLineProcessor, type LinePostbackHandler, type LineProcessor } from "./index.js";

const LEASE_MS = 60_000;

/** Stalled handlers a failed test left waiting, let go so that their processors can stop. */
const waiting: (() => void)[] = [];

/** A postback handler that waits in hand until the test lets it go on (or fail). */
function stalling() {
  let reached = () => {};
  const inHand = new Promise<void>((r) => {
    reached = r;
  });
  let settle: (error?: Error) => void = () => {};
  const handler: LinePostbackHandler = () => {
    reached();
    return new Promise((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve(undefined));
      waiting.push(() => resolve(undefined));
    });
  };
  return { handler, inHand, fail: (message: string) => settle(new Error(message)), finish: () => settle() };
}

/*
 * #18 opslog: a process that stalled past its event lease (a pause, a stopped clock) finds on waking that
 * another process took the event over. Its late marks must change nothing. Each processor's clock is set
 * past the lease of the one before it, so the leases run out without the test waiting for them.
 */
describe.each(testDialects())(
  "a LINE event's late marks by a process that lost its lease, on %s",
  (dialect) => {
    let line: FakeLine;
    let service: TestService;
    const handles: DatabaseHandle[] = [];
    const processors: LineProcessor[] = [];

    beforeAll(async () => {
      line = await startFakeLine();
      service = await startTestService(dialect, { env: lineEnv(line) });
      await connectLine(service, line, new Date(Date.now() - 3_600_000));
      // Only the test's own processors handle events (the route's kick does nothing).
      await service.line.stop();
    });
    afterEach(async () => {
      for (const release of waiting.splice(0)) release();
      await Promise.all(processors.splice(0).map((p) => p.stop()));
    });
    afterAll(async () => {
      for (const h of handles) await h.close().catch(() => undefined);
      await service?.stop();
      await line?.close();
    });

    /** Another process: its own database handle, its clock at `at`, its postback handler and log. */
    function processor(at: Date, handler: LinePostbackHandler, log: string[] = []) {
      const handle = service.database.reopen();
      handles.push(handle);
      const p = createLineProcessor({
        handle,
        clock: fixedClock(at),
        files: service.files,
        secret: "test-secret",
        publicUrl: "http://borikan.test",
        maxFileBytes: 1048576,
        env: { ...process.env, ...lineEnv(line) },
        log: (msg) => log.push(msg),
        postbackHandlers: [handler],
        eventLeaseMs: LEASE_MS,
      });
      processors.push(p);
      return p;
    }

    it("RG-1, CH-10: a stalled process's late failure and late done leave the event done with the winner's attempt, one answer to the user", async () => {
      const start = Date.now();
      const { event } = lineEvents("01L");
      const slow = event({ type: "postback", postback: { data: "slow" } }, start - 60_000, {
        type: "user",
        userId: `U${"stalled".padStart(32, "0")}`,
      });
      await postWebhook(service, line, deliveryOf([slow]));
      const row = () =>
        service.handle.db
          .selectFrom("line_events")
          .select(["status", "attempts", "processed_at", "lease_until"])
          .where("webhook_event_id", "=", slow.webhookEventId)
          .executeTakeFirstOrThrow();

      // Attempt 1 stalls; attempt 2, past its lease, stalls too; attempt 3, past that one's, answers.
      const first = stalling();
      const firstLog: string[] = [];
      const firstDone = processor(new Date(start), first.handler, firstLog).drain();
      await first.inHand;
      const second = stalling();
      const secondLog: string[] = [];
      const secondDone = processor(new Date(start + LEASE_MS + 1000), second.handler, secondLog).drain();
      await second.inHand;
      const winnerAt = new Date(start + 2 * LEASE_MS + 2000);
      const answering: LinePostbackHandler = async () => ({ text: "รับทราบ / Noted" });
      await processor(winnerAt, answering).drain();
      const won = { status: "done", attempts: 3, processed_at: winnerAt.toISOString() };
      expect(await row()).toMatchObject(won);

      // The first wakes and fails: nothing changes (before #18 opslog: pending again, to be handled twice).
      first.fail("the handler gave up");
      await firstDone;
      expect(await row()).toMatchObject(won);
      // The second wakes and finishes: nothing changes either (before: its own time written as processed).
      second.finish();
      await secondDone;
      expect(await row()).toMatchObject({ ...won, lease_until: null });
      expect(firstLog.at(-1)).toMatch(/lost the lease of event 01L\d+ to another process; its failure/);
      expect(secondLog.at(-1)).toMatch(/lost the lease of event 01L\d+ to another process; its completion/);

      // Nothing is left to retry: another drain by the winner's time and later answers nothing more.
      await processor(new Date(winnerAt.getTime() + 120_000), answering).drain();
      const answers = line.replies.filter((r) => r.replyToken === slow.replyToken);
      expect(answers).toHaveLength(1);
      expect(answers[0]?.messages[0]?.text).toBe("รับทราบ / Noted");
      expect(await row()).toMatchObject(won);
    });
  },
);
