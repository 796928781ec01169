import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitId, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, postWebhook } from "../../test/line-webhook.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { issueLetter } from "../correspondence/index.js";
import { SUBMIT_DATA } from "../intake/line/index.js";
import { fixedClock } from "../platform/clock.js";
import { emailLookupKey } from "../platform/crypto/index.js";
import { withTransaction } from "../platform/db/database.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { type MatterActor, recordAction } from "../register/index.js";
import { listNotifications, type NotificationDeps, sweepNotifications } from "./index.js";

// Monday 7 December 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-12-07T03:00:00.000Z");
const USER = "U0123456789abcdef0123456789abcdef";

describe.each(testDialects())("notifications on the applicant's channel (%s)", (dialect) => {
  const clock = fixedClock(new Date(T0));
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let line: FakeLine;
  let service: TestService;
  let deps: NotificationDeps;
  let reviewer: MatterActor;
  let events = 0;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url, env: lineEnv(line) });
    await connectLine(service, line, clock.now());
    await publishTestService(service);
    deps = {
      handle: service.handle,
      secret: loadOrCreateSecret(service.dataDir),
      publicUrl: "http://borikan.test",
      env: { ...process.env, ...lineEnv(line) },
    };
    await service.handle.db
      .updateTable("units")
      .set({ phone: "02 555 0101" })
      .where("id", "=", await unitId(service, "permits"))
      .execute();
    const { staff } = await unitOfficer(service, clock, "somsak.reviewer@demo.go.th", ["reviewer"]);
    reviewer = { kind: "staff", staffId: staff.id, roles: ["reviewer"] };
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
    await line?.close();
  });

  const act = (matterId: string, action: "claim" | "start-review" | "start-work" | "answer") =>
    recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action,
      payload: {},
      actor: reviewer,
      at: clock.now(),
    });
  const notificationMails = () => smtp.messages.filter((m) => m.subject?.includes("ความคืบหน้า"));

  it("TR-2, IF-3, RV-5: each status change is emailed once, naming the officer and the unit's phone, in the acknowledgement's thread", async () => {
    const app = await submitTestApplication(service, { email: "applicant.one@example.com" });
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "claim");
    clock.set(new Date(T0 + 60_000));
    await act(app.matterId, "start-review");

    expect(await sweepNotifications(deps, clock.now())).toBe(1);
    // A second pass, and a third after more time, find nothing new to tell.
    expect(await sweepNotifications(deps, clock.now())).toBe(0);
    await service.outbox.drain();
    const mails = notificationMails().filter((m) => m.text?.includes(app.receiptNumber));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toMatchObject({ text: "applicant.one@example.com" });
    expect(mail.subject).toContain("อยู่ระหว่าง");
    expect(mail.text).toContain("somsak.reviewer");
    expect(mail.text).toContain("02 555 0101");
    expect(mail.text).toContain("งานอนุญาต");
    expect(mail.text).toContain(`/requests/${app.beYear}/${app.sequence}?t=${app.token}`);
    expect(mail.inReplyTo).toMatch(/^<ack\./);

    const [shown] = await listNotifications(service.handle.db, app.matterId);
    expect(shown).toMatchObject({ event: "status-changed", channel: "email", status: "sent" });
  });

  it("TR-2: a recorded bounce shows as bounced, never as sent", async () => {
    const app = await submitTestApplication(service, { email: "bounces@example.com" });
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "start-review");
    await sweepNotifications(deps, clock.now());
    await service.outbox.drain();
    const [n] = await listNotifications(service.handle.db, app.matterId);
    await service.handle.db
      .updateTable("outbox")
      .set({ bounced_at: clock.now().toISOString(), bounce_reason: "550 user unknown" })
      .where("subject_key", "=", `notify:${n!.id}`)
      .execute();
    expect((await listNotifications(service.handle.db, app.matterId))[0]?.status).toBe("bounced");
  });

  it("TR-2, CH-4: with no mail server the notification says not configured", async () => {
    const app = await submitTestApplication(service, { email: "kept@example.com" });
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "start-review");
    await sweepNotifications(deps, clock.now());
    await service.handle.db
      .updateTable("outbox")
      .set({ status: "not_configured" })
      .where("kind", "=", "notification")
      .where("status", "=", "pending")
      .execute();
    expect((await listNotifications(service.handle.db, app.matterId))[0]?.status).toBe("not_configured");
  });

  /** A request sent by LINE (text, Submit, name), as its user would; its entry. */
  async function lineRequest(user: string) {
    const post = async (evts: unknown[]) => {
      await postWebhook(service, line, deliveryOf(evts));
      await service.line.drain();
    };
    const event = (body: Record<string, unknown>, at: number) => ({
      webhookEventId: `01N${String(++events).padStart(23, "0")}`,
      deliveryContext: { isRedelivery: false },
      timestamp: at,
      mode: "active",
      source: { type: "user", userId: user },
      replyToken: `notify-reply-${events}`,
      ...body,
    });
    const text = (t: string, at: number) =>
      event(
        { type: "message", message: { type: "text", id: `nm${events + 1}`, quoteToken: "q", text: t } },
        at,
      );
    const now = clock.now().getTime();
    await post([text("ขอทราบขั้นตอนขออนุญาตตั้งร้าน", now)]);
    await post([event({ type: "postback", postback: { data: SUBMIT_DATA } }, now + 1000)]);
    await post([text("สมชาย ใจดี", now + 2000)]);
    return service.handle.db
      .selectFrom("entries")
      .select(["matter_id", "receipt_number"])
      .where("line_user_id", "=", user)
      .executeTakeFirstOrThrow();
  }

  it("TR-2, IF-3: an applicant who came by LINE is told by one push, whose retry key is the notification", async () => {
    const entry = await lineRequest(USER);
    await routeMatter(service, clock, entry.matter_id);
    await act(entry.matter_id, "claim");
    await act(entry.matter_id, "start-work");
    const before = line.pushes.length;
    await sweepNotifications(deps, clock.now());
    await sweepNotifications(deps, clock.now());
    const pushes = line.pushes.slice(before).filter((p) => p.to === USER);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.messages[0]?.text).toContain(entry.receipt_number);
    expect(pushes[0]?.messages[0]?.text).toContain("somsak.reviewer");
    expect(pushes[0]?.messages[0]?.text).toContain("02 555 0101");
    const [n] = await listNotifications(service.handle.db, entry.matter_id);
    expect(n).toMatchObject({ channel: "line", status: "sent" });
    expect(pushes[0]?.retryKey).toBe(n?.id);
  });

  it("TR-2: a push LINE refuses is kept pending and tried again with the same retry key; it is sent once", async () => {
    const user = "U1111111111abcdef0123456789abcdef";
    const entry = await lineRequest(user);
    await routeMatter(service, clock, entry.matter_id);
    await act(entry.matter_id, "start-work");
    const before = line.pushes.length;
    // A token LINE does not accept: the push fails and nothing is called sent.
    const broken = { ...deps, env: { ...deps.env, LINE_CHANNEL_TOKEN: "revoked" } };
    await sweepNotifications(broken, clock.now());
    const [failed] = await listNotifications(service.handle.db, entry.matter_id);
    expect(failed).toMatchObject({ channel: "line", status: "pending", sentAt: null });
    expect(failed?.error).toBeTruthy();
    await sweepNotifications(deps, clock.now());
    await sweepNotifications(deps, clock.now());
    const pushes = line.pushes.slice(before).filter((p) => p.to === user);
    expect(pushes).toHaveLength(1);
    const [sent] = await listNotifications(service.handle.db, entry.matter_id);
    expect(sent).toMatchObject({ status: "sent", error: null });
    expect(pushes[0]?.retryKey).toBe(sent?.id);
  });

  it("TR-2: without the LINE token the notification says not configured, never sent", async () => {
    const user = "U2222222222abcdef0123456789abcdef";
    const entry = await lineRequest(user);
    await routeMatter(service, clock, entry.matter_id);
    await act(entry.matter_id, "start-work");
    await sweepNotifications({ ...deps, env: {} }, clock.now());
    const [n] = await listNotifications(service.handle.db, entry.matter_id);
    expect(n).toMatchObject({ channel: "line", status: "not_configured", sentAt: null });
  });

  it("LF-3, LF-5, RV-5: the deficiency record's letter and deadline, and the reason for delay, are in what the applicant is told", async () => {
    const app = await submitTestApplication(service, { email: "deficient@example.com" });
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "start-review");
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "notify-delay",
      payload: { text: "รอผลตรวจสอบจากกรมโยธาธิการ" },
      actor: { kind: "system", name: "delay-notices" },
      at: clock.now(),
    });
    const letter = await withTransaction(service.handle, (trx) =>
      issueLetter(
        trx,
        {
          agencyId: "demo",
          kind: "external",
          purpose: "deficiency-record",
          matterId: app.matterId,
          toName: "สมหญิง รักดี",
          subject: "บันทึกความบกพร่อง",
          salutation: "เรียน",
          body: "ขาดสำเนาทะเบียนบ้าน",
          signerName: "ผู้ตรวจ",
          signerPosition: "นักวิชาการ",
          ownerUnit: "งานอนุญาต",
        },
        { actor: "test", at: clock.now() },
      ),
    );
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "request-more-info",
      payload: { letterId: letter.id, deadline: "2026-12-21T10:00:00.000Z" },
      actor: reviewer,
      at: clock.now(),
    });
    await sweepNotifications(deps, clock.now());
    const list = await listNotifications(service.handle.db, app.matterId);
    expect(list.map((n) => n.event)).toEqual(["status-changed", "delay-notice", "more-info-requested"]);
    expect(list[1]?.text).toContain("รอผลตรวจสอบจากกรมโยธาธิการ");
    expect(list[2]?.text).toContain(letter.number);
    expect(list[2]?.text).toContain("2569");
  });

  it("TR-2: a web applicant who gave only a phone is not claimed told: no-channel, nothing sent", async () => {
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { name: "ผู้ยื่น โทรศัพท์", phone: "0812345678", subject: "สอบถาม", confirmed: true },
    });
    const entry = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("receipt_number", "=", res.json().receiptNumber)
      .executeTakeFirstOrThrow();
    await routeMatter(service, clock, entry.matter_id);
    await act(entry.matter_id, "start-work");
    await service.outbox.drain();
    const mailsBefore = smtp.messages.length;
    const pushesBefore = line.pushes.length;
    await sweepNotifications(deps, clock.now());
    await service.outbox.drain();
    const [n] = await listNotifications(service.handle.db, entry.matter_id);
    expect(n).toMatchObject({ channel: "none", status: "no-channel", sentAt: null });
    expect(smtp.messages.length).toBe(mailsBefore);
    expect(line.pushes.length).toBe(pushesBefore);
  });

  it("TR-2, CH-4: an address the register has not confirmed is not written to", async () => {
    const app = await submitTestApplication(service, { email: "unconfirmed@example.com" });
    await service.handle.db
      .updateTable("entries")
      .set({ ack_withheld: "sender-unclear" })
      .where("id", "=", app.entryId)
      .execute();
    await routeMatter(service, clock, app.matterId);
    await act(app.matterId, "start-review");
    await sweepNotifications(deps, clock.now());
    const [n] = await listNotifications(service.handle.db, app.matterId);
    expect(n).toMatchObject({ channel: "none", status: "no-channel" });
    const queued = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("kind", "=", "notification")
      // ID-7: the recipient is sealed; it is found by its keyed hash.
      .where("recipient_hmac", "=", emailLookupKey(service.sealer, "unconfirmed@example.com") ?? "")
      .execute();
    expect(queued).toEqual([]);
  });

  it("TR-2: two sweeps at once notify each action once", async () => {
    const apps = await Promise.all(
      [1, 2, 3].map((i) => submitTestApplication(service, { email: `race${i}@example.com` })),
    );
    for (const app of apps) {
      await routeMatter(service, clock, app.matterId);
      await act(app.matterId, "start-review");
    }
    // PostgreSQL: a second pool, as a second worker process would have. SQLite in one process: the
    // same handle, the two passes interleaving (a second connection would block the event loop).
    const handle = dialect === "postgres" ? service.database.reopen() : service.handle;
    try {
      const both = await Promise.all([
        sweepNotifications(deps, clock.now()),
        sweepNotifications({ ...deps, handle }, clock.now()),
      ]);
      expect(both[0] + both[1]).toBe(3);
    } finally {
      if (handle !== service.handle) await handle.close();
    }
    for (const app of apps) expect(await listNotifications(service.handle.db, app.matterId)).toHaveLength(1);
    const queued = await service.handle.db
      .selectFrom("outbox")
      .select("recipient")
      .where("kind", "=", "notification")
      .execute();
    // The recipient is sealed (ID-7): matched once opened.
    expect(queued.filter((q) => q.recipient.startsWith("race"))).toHaveLength(3);
  });
});
