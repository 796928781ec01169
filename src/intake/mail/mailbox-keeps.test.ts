import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { fuzzBody, textValue } from "../../../test/fuzz-inputs.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import {
  connectDemoMailbox,
  MAILBOX_SECRET_ENV,
  type MailTestbed,
  mailText,
  startMailTestbed,
} from "../../../test/mail.js";
import { type OfficeClient, signedInChief, signedInOfficer } from "../../../test/office.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import { findMailbox, saveMailbox } from "./mailbox.repo.js";

// Friday 20 November 2026, 10:00 in Bangkok.
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");
const DAY = 86_400_000;
const PROCESSED = "Borikan-Processed";

const request = (messageId: string, body: string, extra: Record<string, string> = {}) =>
  mailText({
    from: "สมชาย ใจดี <somchai@example.com>",
    subject: "ขอสำเนาทะเบียนบ้าน",
    body,
    messageId,
    headers: extra,
  });

/**
 * Issue #10, items 3 and 6: no mail is dropped because it shares a Message-ID (RG-4), and the shared
 * mailbox is never emptied behind the officers' backs (retention from the move; a first connection asks).
 */
describe.each(testDialects())("the mailbox keeps what it should on %s", (dialect) => {
  let testbed: MailTestbed | undefined;
  let mailbox: TestMailbox;
  let service: TestService;
  let officer: OfficeClient;
  let other: OfficeClient;
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3_600_000));

  beforeAll(async () => {
    testbed = await startMailTestbed(dialect, clock);
    if (!testbed) return;
    ({ mailbox, service } = testbed);
    await connectDemoMailbox(service, mailbox, { retentionDays: 30 });
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban1@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
    other = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban2@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
  }, 60_000);

  afterAll(async () => {
    await testbed?.stop();
  });

  const rows = () =>
    service.handle.db.selectFrom("mail_messages").selectAll().orderBy("internal_date").execute();
  const audit = (action: string) =>
    service.handle.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();

  it("RG-4: same Message-ID and sender, other bytes: kept as a possible duplicate; the very same bytes are a duplicate", async (ctx) => {
    if (!testbed) return ctx.skip();
    const first = request("<dup-1@example.com>", "ขอสำเนาทะเบียนบ้าน 1 ฉบับ");
    // The sender's phone sent it again, with the file they forgot: same Message-ID, other bytes.
    const second = request("<dup-1@example.com>", "ขอสำเนาทะเบียนบ้าน 1 ฉบับ (แนบบัตรประชาชนแล้ว)");
    await mailbox.append("INBOX", first, ACCEPTED);
    await mailbox.append("INBOX", second, new Date(ACCEPTED.getTime() + 60_000));
    // A relay delivered the second one twice: a byte-identical copy is a duplicate.
    await mailbox.append("INBOX", second, new Date(ACCEPTED.getTime() + 61_000));
    const summary = await service.mail.runOnce("demo");
    expect(summary).toMatchObject({ registered: 1, possibleDuplicates: 1, duplicates: 1, failed: 0 });
    const [original, kept] = await rows();
    expect(await rows()).toHaveLength(2);
    expect(original?.outcome).toBe("registered");
    expect(kept?.outcome).toBe("possible-duplicate");
    expect(kept?.duplicate_of).toBe(original!.id);
    expect(kept?.entry_id).toBeNull();
    // RG-4: its bytes are kept.
    expect((await service.files.read(kept!.raw_key!)).toString()).toBe(second);
    // Nothing was left in INBOX, and nothing acknowledged twice.
    expect(await mailbox.list("INBOX")).toHaveLength(0);
    expect(await service.handle.db.selectFrom("entries").select("id").execute()).toHaveLength(1);
  });

  it("RG-4: officers see both mails, one registers it, the other's click is refused (409)", async (ctx) => {
    if (!testbed) return ctx.skip();
    const [original, kept] = await rows();
    const page = await officer.get("/office/mail");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/office/mail/messages/${kept!.id}`);
    expect(page.body).toContain(`/office/mail/messages/${original!.id}`);
    expect((await officer.get("/office/register")).body).toMatch(/possible|อาจซ้ำ/);
    for (const [id, text] of [
      [kept!.id, "แนบบัตรประชาชนแล้ว"],
      [original!.id, "ขอสำเนาทะเบียนบ้าน 1 ฉบับ"],
    ] as const) {
      const view = await officer.get(`/office/mail/messages/${id}`);
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain(text);
      expect(view.headers["content-security-policy"]).toContain("default-src 'none'");
      expect((await officer.get(`/office/mail/messages/${id}/mail.eml`)).statusCode).toBe(200);
    }
    expect((await officer.get("/office/mail/messages/nope")).statusCode).toBe(404);
    await other.get("/office/mail");

    // Without the form's CSRF token nothing happens.
    const forged = await officer.post(`/office/mail/duplicates/${kept!.id}/register`, {}, { csrf: "x" });
    expect(forged.statusCode).toBe(403);
    const registered = await officer.post(`/office/mail/duplicates/${kept!.id}/register`);
    expect(registered.statusCode).toBe(200);
    const late = await other.post(`/office/mail/duplicates/${kept!.id}/register`);
    expect(late.statusCode).toBe(409);
    expect(late.body).toMatch(/possible duplicate|ตัดสินว่าซ้ำ/);
    const row = (await rows()).find((r) => r.id === kept!.id)!;
    expect(row.outcome).toBe("registered");
    const entry = await service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("id", "=", row.entry_id!)
      .executeTakeFirstOrThrow();
    // CH-3: received when the server accepted it; CH-4: acknowledged like any other request.
    expect(entry.received_at).toBe(new Date(ACCEPTED.getTime() + 60_000).toISOString());
    const acks = await service.handle.db
      .selectFrom("outbox")
      .select("recipient")
      .where("entry_id", "=", entry.id)
      .where("kind", "=", "acknowledgement")
      .execute();
    expect(acks.map((a) => a.recipient)).toEqual(["somchai@example.com"]);
    expect((await audit("mail.duplicate.register")).map((a) => a.subject_id)).toEqual([kept!.id]);
  });

  it("RG-4: a dismissed possible duplicate is kept as received, not registered, and audited", async (ctx) => {
    if (!testbed) return ctx.skip();
    await mailbox.append(
      "INBOX",
      request("<dup-1@example.com>", "ขอสำเนาทะเบียนบ้าน (ส่งซ้ำ)"),
      new Date(ACCEPTED.getTime() + 120_000),
    );
    expect((await service.mail.runOnce("demo")).possibleDuplicates).toBe(1);
    const kept = (await rows()).find((r) => r.outcome === "possible-duplicate")!;
    const entriesBefore = (await service.handle.db.selectFrom("entries").select("id").execute()).length;
    expect((await officer.post(`/office/mail/duplicates/${kept.id}/dismiss`)).statusCode).toBe(200);
    expect((await officer.post(`/office/mail/duplicates/${kept.id}/register`)).statusCode).toBe(409);
    const row = (await rows()).find((r) => r.id === kept.id)!;
    expect(row.outcome).toBe("dismissed");
    expect(row.entry_id).toBeNull();
    expect((await service.files.read(row.raw_key!)).toString()).toContain("Message-ID: <dup-1@example.com>");
    expect((await service.handle.db.selectFrom("entries").select("id").execute()).length).toBe(entriesBefore);
    expect((await audit("mail.duplicate.dismiss")).map((a) => a.subject_id)).toEqual([kept.id]);
  });

  it("RG-4: two officers deciding the same possible duplicate at once: one wins, the other is told (409)", async (ctx) => {
    if (!testbed) return ctx.skip();
    await mailbox.append(
      "INBOX",
      request("<dup-1@example.com>", "ขอสำเนาทะเบียนบ้าน (ครั้งที่สาม)"),
      new Date(ACCEPTED.getTime() + 180_000),
    );
    expect((await service.mail.runOnce("demo")).possibleDuplicates).toBe(1);
    const kept = (await rows()).find((r) => r.outcome === "possible-duplicate")!;
    const entriesBefore = (await service.handle.db.selectFrom("entries").select("id").execute()).length;
    const [a, b] = await Promise.all([
      officer.post(`/office/mail/duplicates/${kept.id}/register`),
      other.post(`/office/mail/duplicates/${kept.id}/dismiss`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const row = (await rows()).find((r) => r.id === kept.id)!;
    const entriesAfter = (await service.handle.db.selectFrom("entries").select("id").execute()).length;
    if (a.statusCode === 200) {
      expect(row.outcome).toBe("registered");
      expect(entriesAfter).toBe(entriesBefore + 1);
    } else {
      expect(row.outcome).toBe("dismissed");
      expect(entriesAfter).toBe(entriesBefore);
    }
  });

  it("retention counts from the move: years-old mail stays its full time, a person's mail stays for good", async (ctx) => {
    if (!testbed) return ctx.skip();
    // Accepted years ago, found in INBOX today.
    await mailbox.append(
      "INBOX",
      request("<old-1@example.com>", "จดหมายเก่า"),
      new Date("2019-03-01T02:00:00Z"),
    );
    // Someone filed their own mail in the processed folder.
    await mailbox.append(
      PROCESSED,
      request("<filed-by-hand@example.com>", "เก็บเอง"),
      new Date("2020-01-01T00:00:00Z"),
    );
    // And kept an edited copy of a mail Borikan took, under the same Message-ID (other bytes).
    await mailbox.append(PROCESSED, request("<dup-1@example.com>", "สำเนาที่เจ้าหน้าที่แก้ไขและเก็บเอง"), ACCEPTED);
    const first = await service.mail.runOnce("demo");
    expect(first.registered).toBe(1);
    expect(first.expunged).toBe(0);
    const inProcessed = async () => (await mailbox.list(PROCESSED)).map((m) => m.messageId);
    expect(await inProcessed()).toContain("<old-1@example.com>");
    // A second pass, 29 days on (retention 30 days): still there.
    clock.set(new Date(clock.now().getTime() + 29 * DAY));
    expect((await service.mail.runOnce("demo")).expunged).toBe(0);
    expect(await inProcessed()).toContain("<old-1@example.com>");
    const moves = await service.handle.db.selectFrom("mail_moves").selectAll().execute();
    // Dovecot has UIDPLUS: every move knows the copy's UID in the processed folder.
    expect(moves.every((m) => m.uid !== null && m.uid_validity !== null)).toBe(true);
    // A move whose server gave no UID (no UIDPLUS) is found again by its Message-ID.
    const registeredFirst = (await rows()).find((r) => r.message_id === "<dup-1@example.com>")!;
    await service.handle.db
      .updateTable("mail_moves")
      .set({ uid: null, uid_validity: null })
      .where("mail_message_id", "=", registeredFirst.id)
      .execute();

    // 31 days after the moves: everything Borikan moved is deleted, the person's mail is not.
    clock.set(new Date(ACCEPTED.getTime() + 3_600_000 + 31 * DAY));
    const expired = await service.mail.runOnce("demo");
    const left = await inProcessed();
    expect(left).toEqual(["<filed-by-hand@example.com>", "<dup-1@example.com>"]);
    expect(expired.expunged).toBe(moves.length);
    // The raw copies stay in Borikan (RG-4); nothing is deleted twice.
    for (const row of await rows()) if (row.raw_key) await service.files.read(row.raw_key);
    expect((await service.mail.runOnce("demo")).expunged).toBe(0);
    expect(await inProcessed()).toEqual(["<filed-by-hand@example.com>", "<dup-1@example.com>"]);
    clock.set(new Date(ACCEPTED.getTime() + 3_600_000));
  });

  it("the new routes answer malformed input with 4xx, never 5xx (seeded, bounded)", {
    timeout: 120_000,
  }, async (ctx) => {
    if (!testbed) return ctx.skip();
    const admin = await signedInChief(service, clock, "fuzz-chief@demo.go.th");
    await admin.get("/office/mail");
    const ids = (await rows()).map((r) => r.id);
    const routes = ["duplicates/:id/register", "duplicates/:id/dismiss", "first-connection"];
    const cases = fc.sample(
      fc.record({
        route: fc.constantFrom(...routes),
        id: fc.oneof(fc.constantFrom(...ids), textValue),
        body: fuzzBody([["_csrf", admin.csrf]]),
      }),
      { seed: 1010, numRuns: 120 },
    );
    const statuses: number[] = [];
    for (const c of cases) {
      const url = `/office/mail/${c.route.replace(":id", encodeURIComponent(c.id).slice(0, 2000))}`;
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: c.body.body,
        headers: {
          "content-type": c.body.contentType,
          cookie: admin.cookieHeader,
          "x-csrf-token": admin.csrf,
          accept: "text/html",
        },
      });
      expect(res.statusCode, `${url} ${c.body.kind}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      statuses.push(res.statusCode);
    }
    expect(statuses.some((s) => s >= 400)).toBe(true);
  });
});

describe.each(testDialects())("a first connection to a full mailbox on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let service: TestService;
  let admin: OfficeClient;
  let officer: OfficeClient;
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3_600_000));

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    service = await startTestService(dialect, { clock, env: { [MAILBOX_SECRET_ENV]: mailbox.password } });
    admin = await signedInChief(service, clock);
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban1@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await mailbox?.stop();
  });

  it("a first connection to a small, recent mailbox starts at once", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await connectDemoMailbox(service, mailbox, { firstConnection: "ask" });
    expect((await findMailbox(service.handle.db, "demo"))?.start.state).toBe("new");
    // Nothing in it yet, for a moment: nothing to ask about.
    const summary = await service.mail.runOnce("demo");
    expect(summary.waitingForStart).toBe(0);
    expect((await findMailbox(service.handle.db, "demo"))?.start.state).toBe("started");
    // Connected afresh (as if for the first time) for the next test.
    await service.handle.db.updateTable("mailboxes").set({ start_state: "new" }).execute();
  });

  it("older mail found at the first connection: shown, nothing taken until the admin chooses", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "INBOX",
      request("<before-1@example.com>", "เก่า 1"),
      new Date("2026-09-01T02:00:00Z"),
    );
    await mailbox.append(
      "INBOX",
      request("<before-2@example.com>", "เก่า 2"),
      new Date("2026-10-31T16:59:00Z"),
    );
    await mailbox.append(
      "INBOX",
      request("<after-1@example.com>", "ใหม่ 1"),
      new Date("2026-10-31T17:00:00Z"),
    );
    await mailbox.append("INBOX", request("<after-2@example.com>", "ใหม่ 2"), ACCEPTED);
    const before = await mailbox.list("INBOX");
    const summary = await service.mail.runOnce("demo");
    expect(summary).toMatchObject({ waitingForStart: 1, registered: 0, expunged: 0 });
    expect(await mailbox.list("INBOX")).toEqual(before);
    const state = (await findMailbox(service.handle.db, "demo"))!.start;
    expect(state.state).toBe("pending");
    expect(state.preview?.folders.find((f) => f.folder === "INBOX")).toEqual({
      folder: "INBOX",
      count: 4,
      oldest: "2026-09-01T02:00:00.000Z",
      newest: ACCEPTED.toISOString(),
    });
    // A second pass still waits.
    expect((await service.mail.runOnce("demo")).waitingForStart).toBe(1);
    expect(await service.handle.db.selectFrom("mail_messages").select("id").execute()).toHaveLength(0);

    // Officers see that it waits; only an admin may choose.
    expect((await officer.get("/office/register")).body).toContain("/office/mail");
    const page = await officer.get("/office/mail");
    expect(page.body).toMatch(/first-title/);
    expect(page.body).not.toContain('name="choice"');
    expect((await officer.post("/office/mail/first-connection", { choice: "all" })).statusCode).toBe(403);
    const adminPage = await admin.get("/office/mail");
    expect(adminPage.body).toContain('name="choice"');
    expect(
      (await admin.post("/office/mail/first-connection", { choice: "all" }, { csrf: null })).statusCode,
    ).toBe(403);
    expect((await admin.post("/office/mail/first-connection", { choice: "maybe" })).statusCode).toBe(400);
    expect(
      (await admin.post("/office/mail/first-connection", { choice: "since", since: "2026-02-30" }))
        .statusCode,
    ).toBe(400);
    expect((await findMailbox(service.handle.db, "demo"))!.start.state).toBe("pending");
  });

  it("the admin takes only mail since 1 November: older mail stays in INBOX untouched, and it is audited", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const chosen = await admin.post("/office/mail/first-connection", {
      choice: "since",
      since: "2026-11-01",
    });
    expect(chosen.statusCode).toBe(200);
    // Another admin's choice a moment later is refused.
    expect((await admin.post("/office/mail/first-connection", { choice: "all" })).statusCode).toBe(409);
    const summary = await service.mail.runOnce("demo");
    expect(summary).toMatchObject({ registered: 2, waitingForStart: 0 });
    const inbox = await mailbox!.list("INBOX");
    // 1 November in Bangkok began at 2026-10-31T17:00Z.
    expect(inbox.map((m) => m.messageId)).toEqual(["<before-1@example.com>", "<before-2@example.com>"]);
    for (const m of inbox) expect(m.flags).not.toContain("\\Seen");
    const taken = await service.handle.db.selectFrom("mail_messages").select("message_id").execute();
    expect(taken.map((t) => t.message_id).sort()).toEqual(["<after-1@example.com>", "<after-2@example.com>"]);
    // Later passes leave the older mail alone too.
    expect((await service.mail.runOnce("demo")).registered).toBe(0);
    expect(await mailbox!.list("INBOX")).toHaveLength(2);
    const events = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("action", "like", "mailbox.%")
      .orderBy("created_at")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["mailbox.first-connection", "mailbox.start"]);
    expect(JSON.parse(events[1]!.data).since).toBe("2026-10-31T17:00:00.000Z");
    expect((await admin.get("/office/mail")).body).toMatch(/2569|2026/);
    // Settings saved again later do not start the question over.
    const current = (await findMailbox(service.handle.db, "demo"))!;
    await saveMailbox(service.handle.db, { ...current, pollSeconds: 30 }, clock.now().toISOString());
    expect((await findMailbox(service.handle.db, "demo"))!.start.state).toBe("started");
  });
});
