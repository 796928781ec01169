import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../../../test/line-webhook.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { type Clock, fixedClock, systemClock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { bilingual } from "../../platform/i18n/index.js";
import { createLineProcessor, type LinePostbackHandler, type LineProcessor } from "./index.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = (tag: string) => ({ type: "user", userId: `U${tag.padStart(32, "0")}` });

/*
 * #18 line: events are handled in parallel across chats by several processes, each chat's in LINE's
 * order, each event once. Two processors on two handles of one database stand for two processes.
 */
describe.each(testDialects())("LINE events in parallel on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  const handles: DatabaseHandle[] = [];
  const processors: LineProcessor[] = [];
  const base = Date.now() - 3_600_000;

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { env: lineEnv(line) });
    await connectLine(service, line, new Date(base));
  });
  // A test's processors are stopped with it: a retry timer of one left running (its clock set ahead) would
  // otherwise wake it in a later test and take that test's events.
  afterEach(async () => {
    await Promise.all(processors.splice(0).map((p) => p.stop()));
  });
  afterAll(async () => {
    for (const h of handles) await h.close().catch(() => undefined);
    await service?.stop();
    await line?.close();
  });

  /** Another process's processor: its own database handle, clock and postback handlers. */
  function processor(
    options: { clock?: Clock; postbackHandlers?: LinePostbackHandler[]; eventLeaseMs?: number } = {},
  ) {
    const handle = service.database.reopen();
    handles.push(handle);
    const p = createLineProcessor({
      handle,
      clock: options.clock ?? systemClock,
      files: service.files,
      secret: "test-secret",
      publicUrl: "http://borikan.test",
      maxFileBytes: 1048576,
      env: { ...process.env, ...lineEnv(line) },
      log: () => {},
      concurrency: 8,
      ...options,
    });
    processors.push(p);
    return { processor: p, handle };
  }
  const db = () => service.handle.db;
  const allEvents = () =>
    db().selectFrom("line_events").select(["webhook_event_id", "status", "attempts"]).execute();
  const replyIndex = (token: string) => line.replies.findIndex((r) => r.replyToken === token);
  const repliesTo = (token: string) => line.replies.filter((r) => r.replyToken === token);
  const says = (token: string, key: "line.draftStarted" | "line.askName") =>
    repliesTo(token)[0]?.messages.some((m) => m.text === bilingual(key));
  async function openLeft() {
    const row = await db()
      .selectFrom("line_events")
      .select(sql<number>`count(*)`.as("n"))
      .where("status", "in", ["pending", "processing"])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("RG-1, CH-10: 40 users × 5 events in one burst to two processors: each user's events handled once and in order, entries numbered gapless", async () => {
    const { text, submit } = lineEvents("01P");
    const users = Array.from({ length: 40 }, (_, u) => user(`burst${u}`));
    // Per user: a text, Submit, the name (registers), a new text (a second draft), Submit again.
    const script = users.map((who, u) => {
      const at = (k: number) => base + k * 1000 + u;
      return [
        text(`ขอใบอนุญาต เรื่องที่ ${u}`, at(0), who),
        submit(at(1), who),
        text(`ผู้ยื่น ทดสอบ${u}`, at(2), who),
        text(`เรื่องใหม่ ${u}`, at(3), who),
        submit(at(4), who),
      ];
    });
    const other = processor();
    const draining: Promise<void>[] = [];
    for (let k = 0; k < 5; k++) {
      for (let chunk = 0; chunk < 4; chunk++) {
        const events = script.slice(chunk * 10, chunk * 10 + 10).map((s) => s[k]);
        const res = await postWebhook(service, line, deliveryOf(events));
        expect(res.statusCode).toBe(200);
        draining.push(other.processor.drain());
      }
    }
    for (let i = 0; i < 50 && (await openLeft()) > 0; i++)
      await Promise.all([service.line.drain(), other.processor.drain(), ...draining]);
    expect(await openLeft()).toBe(0);

    const events = await allEvents();
    const burst = events.filter((e) => e.webhook_event_id.startsWith("01P"));
    expect(burst).toHaveLength(200);
    expect(burst.every((e) => e.status === "done" && Number(e.attempts) === 1)).toBe(true);
    for (const steps of script) {
      const tokens = steps.map((e) => e.replyToken);
      for (const token of tokens) expect(repliesTo(token)).toHaveLength(1);
      const order = tokens.map(replyIndex);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(says(tokens[0]!, "line.draftStarted")).toBe(true);
      expect(says(tokens[1]!, "line.askName")).toBe(true);
      expect(says(tokens[3]!, "line.draftStarted")).toBe(true);
      expect(says(tokens[4]!, "line.askName")).toBe(true);
    }
    const entries = await db()
      .selectFrom("entries")
      .select(["sequence", "acknowledged_via", "line_user_id"])
      .where("channel", "=", "line")
      .execute();
    expect(entries).toHaveLength(40);
    expect(entries.map((e) => Number(e.sequence)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(entries.every((e) => e.acknowledged_via === "line-reply")).toBe(true);
    const drafts = await db().selectFrom("line_drafts").select(["user_id", "status"]).execute();
    for (const who of users) {
      const own = drafts.filter((d) => d.user_id === who.userId).map((d) => d.status);
      expect(own.sort()).toEqual(["awaiting_name", "submitted"]);
    }
  });

  it("CH-10: a failing event holds its own user's later events until it is retried and finally failed, never another user's", async () => {
    // Only the test's own processors handle events from here (the route's kick does nothing).
    await service.line.stop();
    const { text, event } = lineEvents("01F");
    const a = user("failing");
    const b = user("other");
    const at = base + 100_000;
    const boom = event({ type: "postback", postback: { data: "boom" } }, at, a);
    const aLater = text("ขอเอกสาร", at + 1, a);
    const bText = text("ขอใบอนุญาต", at + 2, b);
    await postWebhook(service, line, deliveryOf([boom, aLater, bText]));
    const clock = fixedClock(new Date());
    const failing: LinePostbackHandler = async ({ data }) => {
      if (data === "boom") throw new Error("handler down");
      return undefined;
    };
    const { processor: p } = processor({ clock, postbackHandlers: [failing] });
    const status = async (e: { webhookEventId: string }) =>
      (await db()
        .selectFrom("line_events")
        .select(["status", "attempts", "lease_until"])
        .where("webhook_event_id", "=", e.webhookEventId)
        .executeTakeFirstOrThrow()) as { status: string; attempts: number; lease_until: string | null };
    await p.drain();
    expect(await status(bText)).toMatchObject({ status: "done" });
    expect(says(bText.replyToken, "line.draftStarted")).toBe(true);
    expect(await status(boom)).toMatchObject({ status: "pending", attempts: 1 });
    expect(await status(aLater)).toMatchObject({ status: "pending", attempts: 0 });
    // Not retried before its time, and the user's later event waits behind it.
    await p.drain();
    expect(await status(boom)).toMatchObject({ status: "pending", attempts: 1 });
    clock.set(new Date(clock.now().getTime() + 11_000));
    await p.drain();
    expect(await status(boom)).toMatchObject({ status: "pending", attempts: 2 });
    expect(await status(aLater)).toMatchObject({ status: "pending", attempts: 0 });
    clock.set(new Date(clock.now().getTime() + 21_000));
    await p.drain();
    expect(await status(boom)).toMatchObject({ status: "failed", attempts: 3 });
    expect(await status(aLater)).toMatchObject({ status: "done", attempts: 1 });
    expect(says(aLater.replyToken, "line.draftStarted")).toBe(true);
  });

  it("CH-10: a failed event is retried by its own process at its retry time, with no sweep and no new delivery to kick it", async () => {
    await service.line.stop();
    const { event } = lineEvents("01R");
    const once = event({ type: "postback", postback: { data: "once" } }, base + 200_000, user("retried"));
    await postWebhook(service, line, deliveryOf([once]));
    let failures = 0;
    const failOnce: LinePostbackHandler = async ({ data }) => {
      if (data === "once" && failures++ === 0) throw new Error("handler down once");
      return undefined;
    };
    const clock = fixedClock(new Date());
    const { processor: p } = processor({ clock, postbackHandlers: [failOnce] });
    const attempts = async () =>
      (await db()
        .selectFrom("line_events")
        .select(["status", "attempts"])
        .where("webhook_event_id", "=", once.webhookEventId)
        .executeTakeFirstOrThrow()) as { status: string; attempts: number };
    await p.drain();
    expect(await attempts()).toMatchObject({ status: "pending", attempts: 1 });
    // The retry time (10 s on) has come by the clock; only the process's own timer may drain now.
    clock.set(new Date(clock.now().getTime() + 11_000));
    const until = Date.now() + 14_000;
    while ((await attempts()).status !== "done" && Date.now() < until) await sleep(200);
    expect(await attempts()).toMatchObject({ status: "done", attempts: 2 });
  }, 30_000);

  it("CH-10, RG-1: an event whose process died mid-way is taken over when its lease runs out, handled once, and its user's next event after it", async () => {
    // Only the test's own processors handle events from here (the route's kick does nothing).
    await service.line.stop();
    const { text, event } = lineEvents("01D");
    const c = user("dying");
    const at = base + 200_000;
    const stuck = event({ type: "postback", postback: { data: "slow" } }, at, c);
    const next = text("ขอใบรับรอง", at + 1, c);
    await postWebhook(service, line, deliveryOf([stuck, next]));
    let release = () => {};
    let reached = () => {};
    const inHand = new Promise<void>((r) => {
      reached = r;
    });
    // The first process gets as far as the handler, then stops for good (its database is gone).
    const hanging: LinePostbackHandler = () => {
      reached();
      return new Promise((_, reject) => {
        release = () => reject(new Error("the process is gone"));
      });
    };
    const dying = processor({ postbackHandlers: [hanging], eventLeaseMs: 600 });
    void dying.processor.drain();
    await inHand;
    await dying.handle.close();
    const answering: LinePostbackHandler = async ({ data }) =>
      data === "slow" ? { text: "รับทราบ / Noted" } : undefined;
    const survivor = processor({ postbackHandlers: [answering], eventLeaseMs: 600 });
    await survivor.processor.drain();
    // Still leased to the dead process: not taken, and its chat's next event waits.
    expect(repliesTo(stuck.replyToken)).toHaveLength(0);
    expect(repliesTo(next.replyToken)).toHaveLength(0);
    await sleep(700);
    await survivor.processor.drain();
    release();
    await sleep(50);
    expect(repliesTo(stuck.replyToken)).toHaveLength(1);
    expect(repliesTo(stuck.replyToken)[0]?.messages[0]?.text).toBe("รับทราบ / Noted");
    expect(says(next.replyToken, "line.draftStarted")).toBe(true);
    expect(replyIndex(next.replyToken)).toBeGreaterThan(replyIndex(stuck.replyToken));
    const rows = await db()
      .selectFrom("line_events")
      .select(["webhook_event_id", "status", "attempts"])
      .where("webhook_event_id", "in", [stuck.webhookEventId, next.webhookEventId])
      .orderBy("event_at")
      .execute();
    expect(rows.map((r) => [r.status, Number(r.attempts)])).toEqual([
      ["done", 2],
      ["done", 1],
    ]);
  });
});
