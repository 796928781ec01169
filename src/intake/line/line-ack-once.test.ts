import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../../../test/line-webhook.js";
import { signedInOfficer } from "../../../test/office.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { throwAtFailpoint } from "../../platform/failpoint.js";
import { t } from "../../platform/i18n/index.js";
import { createLineProcessor } from "./index.js";
import { findLineAcknowledgementStatuses } from "./line-ack-state.repo.js";

const user = (tag: string) => ({ type: "user", userId: `U${tag.padStart(32, "0")}` });

/*
 * #18 line-ack (CH-4): the acknowledgement is marked started before LINE is called, so a handling cut
 * off after LINE took it (a process killed there; here a failpoint that throws) is never followed by a
 * second acknowledgement (the reply, then a push, told the receipt number twice).
 */
describe.each(testDialects())("a LINE acknowledgement said once on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  let handle: DatabaseHandle;
  const clock = fixedClock(new Date());
  const base = Date.now() - 3_600_000;

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { env: lineEnv(line) });
    await connectLine(service, line, new Date(base));
    // Only this test's processor handles events (the route's kick does nothing after this).
    await service.line.stop();
    handle = service.database.reopen();
  });
  afterAll(async () => {
    throwAtFailpoint(undefined);
    await handle?.close().catch(() => undefined);
    await service?.stop();
    await line?.close();
  });

  const processor = () =>
    createLineProcessor({
      handle,
      clock,
      files: service.files,
      secret: "test-secret",
      publicUrl: "http://borikan.test",
      maxFileBytes: 1048576,
      env: { ...process.env, ...lineEnv(line) },
      log: () => {},
      concurrency: 4,
    });
  const db = () => service.handle.db;
  const eventOf = (id: string) =>
    db()
      .selectFrom("line_events")
      .select(["status", "attempts"])
      .where("webhook_event_id", "=", id)
      .executeTakeFirstOrThrow();
  /** The user's one entry with its draft's acknowledgement marks. */
  const entryOf = (userId: string) =>
    db()
      .selectFrom("entries")
      .innerJoin("line_drafts", "line_drafts.entry_id", "entries.id")
      .select(["entries.id", "acknowledged_at", "acknowledged_via", "ack_started_at", "ack_uncertain_at"])
      .where("entries.line_user_id", "=", userId)
      .executeTakeFirstOrThrow();
  /** Every message LINE was asked to send that answers the name: its reply, and any push to the user. */
  const acknowledgements = (nameToken: string, userId: string) => [
    ...line.replies.filter((r) => r.replyToken === nameToken),
    ...line.pushes.filter((p) => p.to === userId),
  ];

  /** A text, Submit, then the name (which registers the draft): the name event returned. */
  async function submitRequest(prefix: string, who: { userId: string }, at: number) {
    const { text, submit } = lineEvents(prefix);
    const name = text("ผู้ยื่น ทดสอบ", at + 2, who);
    const res = await postWebhook(
      service,
      line,
      deliveryOf([text("ขอใบอนุญาต", at, who), submit(at + 1, who), name]),
    );
    expect(res.statusCode).toBe(200);
    return name;
  }

  it("CH-4: the normal path acknowledges once, by reply, and leaves nothing uncertain", async () => {
    const who = user("ackonce");
    const name = await submitRequest("01K", who, base);
    await processor().drain();
    expect(await eventOf(name.webhookEventId)).toMatchObject({ status: "done" });
    expect(acknowledgements(name.replyToken, who.userId)).toHaveLength(1);
    const entry = await entryOf(who.userId);
    expect(entry.acknowledged_via).toBe("line-reply");
    expect(entry.ack_started_at).not.toBeNull();
    expect(entry.ack_uncertain_at).toBeNull();
    expect((await findLineAcknowledgementStatuses(db(), [entry.id])).size).toBe(0);
  });

  it("CH-4: cut off right after the reply went out, the event handled again marks it uncertain and never pushes a second acknowledgement", async () => {
    const who = user("ackcut");
    const p = processor();
    throwAtFailpoint("line.after-ack-send");
    const name = await submitRequest("01C", who, base + 10_000);
    await p.drain();
    // The reply went out; the handling died before recording it: the event is to be retried.
    expect(await eventOf(name.webhookEventId)).toMatchObject({ status: "pending", attempts: 1 });
    expect(acknowledgements(name.replyToken, who.userId)).toHaveLength(1);
    expect((await entryOf(who.userId)).acknowledged_at).toBeNull();

    clock.set(new Date(clock.now().getTime() + 60_000));
    await p.drain();
    expect(await eventOf(name.webhookEventId)).toMatchObject({ status: "done", attempts: 2 });
    expect(acknowledgements(name.replyToken, who.userId)).toHaveLength(1);
    const entry = await entryOf(who.userId);
    expect(entry.acknowledged_at).toBeNull();
    expect(entry.ack_uncertain_at).not.toBeNull();
    expect(await findLineAcknowledgementStatuses(db(), [entry.id])).toEqual(
      new Map([[entry.id, "line-uncertain"]]),
    );
  });

  it("CH-4: the register shows the officer that the LINE acknowledgement may have gone out, not an email", async () => {
    const { client: officer } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "ack.officer@demo.go.th",
      ["saraban_officer"],
    );
    const entry = await entryOf(user("ackcut").userId);
    const page = await officer.get(`/office/entries/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(t("th", "ackState.lineUncertain").slice(0, 30));
    expect(page.body).not.toContain(t("th", "ackState.uncertain"));
  });

  it("CH-4: LINE refused the acknowledgement: nothing went out, so the retry sends it once by push", async () => {
    const who = user("ackrefused");
    const p = processor();
    line.refuseMessagesContaining("http://borikan.test");
    const name = await submitRequest("01R", who, base + 20_000);
    await p.drain();
    expect(await eventOf(name.webhookEventId)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await entryOf(who.userId)).ack_started_at).toBeNull();

    line.refuseMessagesContaining(undefined);
    clock.set(new Date(clock.now().getTime() + 60_000));
    await p.drain();
    expect(await eventOf(name.webhookEventId)).toMatchObject({ status: "done", attempts: 2 });
    expect(line.pushes.filter((m) => m.to === who.userId)).toHaveLength(1);
    const entry = await entryOf(who.userId);
    expect(entry.acknowledged_via).toBe("line-push");
    expect(entry.ack_uncertain_at).toBeNull();
  });
});
