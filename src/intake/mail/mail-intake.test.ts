import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV, mailText } from "../../../test/mail.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { startSmtpListener } from "../../../test/smtp.js";
import { fixedClock } from "../../platform/clock.js";
import { findEntry } from "../../register/index.js";
import { findMailbox, mailboxAlerts } from "./mailbox.repo.js";
import { deleteHeldMail, releaseHeldMail } from "./receive-mail.js";

// Friday 20 November 2026, 10:00 in Bangkok: the server accepted the mail then.
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");

describe.each(testDialects())("mail intake on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3 * 3_600_000));

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    await mailbox.createFolder("Archive");
    smtp = await startSmtpListener();
    service = await startTestService(dialect, {
      clock,
      smtpUrl: smtp.url,
      env: { [MAILBOX_SECRET_ENV]: mailbox.password },
    });
    await connectDemoMailbox(service, mailbox);
  });

  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
    await mailbox?.stop();
  });

  const entries = () => service.handle.db.selectFrom("entries").selectAll().orderBy("sequence").execute();
  const mailRows = () => service.handle.db.selectFrom("mail_messages").selectAll().execute();

  it("CH-3: mail accepted at T while Borikan was down, taken at T+3h, is received at T", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "INBOX",
      mailText({
        from: "สมชาย ใจดี <somchai@example.com>",
        subject: "ขออนุญาตจัดงาน",
        body: "เรียน นายอำเภอ\nขออนุญาตจัดงาน\n\nขอแสดงความนับถือ\nสมชาย ใจดี\n",
        messageId: "<req-1@example.com>",
        date: "Fri, 20 Nov 2026 08:00:00 +0700",
      }),
      ACCEPTED,
    );
    const summary = await service.mail.runOnce("demo");
    expect(summary.registered).toBe(1);
    const [entry] = await entries();
    expect(entry?.received_at).toBe(ACCEPTED.toISOString());
    // The sender's own Date is kept, as a claim only.
    expect(entry?.sender_claimed_at).toBe("2026-11-20T01:00:00.000Z");
    expect(entry?.channel).toBe("email");
    expect(entry?.sender_email).toBe("somchai@example.com");
    // FM-6: the name under the closing is the type-1 signature.
    expect(entry?.signature).toBe("สมชาย ใจดี");
    // RG-4: the raw message is kept as the record.
    const [row] = await mailRows();
    expect(row?.raw_key).toMatch(/^sha256\//);
    expect((await service.files.read(row!.raw_key!)).toString()).toContain("Message-ID: <req-1@example.com>");
  });

  it("CH-4: the acknowledgement answers in the thread, in Thai and English, with receipt number and phone", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await service.outbox.drain();
    expect(smtp.messages).toHaveLength(1);
    const ack = smtp.messages[0]!;
    const [entry] = await entries();
    expect(ack.to && !Array.isArray(ack.to) ? ack.to.text : "").toBe("somchai@example.com");
    expect(ack.inReplyTo).toBe("<req-1@example.com>");
    expect(ack.references).toContain("<req-1@example.com>");
    expect(ack.subject).toContain("Re: ขออนุญาตจัดงาน");
    expect(ack.text).toContain(entry!.receipt_number);
    expect(ack.text).toContain("02 123 4567");
    expect(ack.text).toMatch(/ได้รับ/);
    expect(ack.text).toMatch(/received/i);
    expect(ack.headers.get("auto-submitted")).toBe("auto-replied");
  });

  it("RG-1: exactly once — a second pass registers nothing and the mail has left INBOX", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const summary = await service.mail.runOnce("demo");
    expect(summary.registered).toBe(0);
    expect(await mailbox.list("INBOX")).toHaveLength(0);
    const processed = await mailbox.list("Borikan-Processed");
    expect(processed.map((m) => m.messageId)).toContain("<req-1@example.com>");
    // The mailbox is shared with people: Borikan reads without marking anything as read.
    expect(processed.find((m) => m.messageId === "<req-1@example.com>")?.flags).not.toContain("\\Seen");
    expect(await entries()).toHaveLength(1);
  });

  it("RG-1: the same Message-ID from another sender is another message", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const reused = mailText({
      from: "Other Person <other@example.net>",
      subject: "Another request",
      body: "Please help.",
      messageId: "<req-1@example.com>",
    });
    await mailbox.append("INBOX", reused, ACCEPTED);
    // And the very same message delivered twice (a copy) is still one.
    await mailbox.append("INBOX", reused, ACCEPTED);
    const summary = await service.mail.runOnce("demo");
    expect(summary.registered).toBe(1);
    expect(summary.duplicates).toBe(1);
    expect((await entries()).map((e) => e.sender_email)).toEqual([
      "somchai@example.com",
      "other@example.net",
    ]);
  });

  it("CH-4: a reply quoting the acknowledgement joins its matter; a guessed receipt number does not", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const [first] = await entries();
    const ack = smtp.messages[0]!;
    await mailbox.append(
      "INBOX",
      mailText({
        from: "สมชาย ใจดี <somchai@example.com>",
        subject: `Re: ${ack.subject}`,
        body: "ส่งเอกสารเพิ่มเติมครับ",
        messageId: "<req-1-reply@example.com>",
        headers: { "In-Reply-To": ack.messageId!, References: `<req-1@example.com> ${ack.messageId}` },
      }),
      ACCEPTED,
    );
    await mailbox.append(
      "INBOX",
      mailText({
        from: "Stranger <stranger@example.org>",
        subject: `About ${first!.receipt_number}`,
        body: "Adding my files to your matter",
        messageId: "<guess@example.org>",
      }),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    const all = await entries();
    const reply = all.find((e) => e.sender_email === "somchai@example.com" && e.id !== first!.id);
    const stranger = all.find((e) => e.sender_email === "stranger@example.org");
    expect(reply?.matter_id).toBe(first!.matter_id);
    expect(stranger?.matter_id).not.toBe(first!.matter_id);
  });

  it("CH-6: mail in Junk is held unopened, never acknowledged; released, it keeps its receipt time", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const before = (await entries()).length;
    await mailbox.append(
      "Junk",
      mailText({
        from: "Prize <win@lottery.example>",
        subject: "You won",
        body: "Click http://evil.example/",
        messageId: "<spam-1@lottery.example>",
      }),
      ACCEPTED,
    );
    const summary = await service.mail.runOnce("demo");
    expect(summary.held).toBe(1);
    expect(await entries()).toHaveLength(before);
    const held = (await mailRows()).find((m) => m.message_id === "<spam-1@lottery.example>");
    expect(held).toMatchObject({ outcome: "held", reason: "junk-folder" });
    const agency = { id: "demo" } as const;
    const deps = {
      handle: service.handle,
      clock: service.clock,
      files: service.files,
      secret: "test-secret",
      maxFileBytes: 10 * 1024 * 1024,
    };
    const demo = (await import("../../agencies/index.js")).findAgency(service.handle.db, agency.id);
    const { entryId } = await releaseHeldMail(deps, (await demo)!, held!.id, "staff:test");
    const released = await findEntry(service.handle.db, entryId);
    expect(released?.receivedAt.toISOString()).toBe(ACCEPTED.toISOString());
    expect((await mailRows()).find((m) => m.id === held!.id)?.outcome).toBe("released");
  });

  it("CH-6: confirmed spam is deleted for good, and a second release is refused", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "Junk",
      mailText({ from: "x@spam.example", subject: "spam", body: "spam", messageId: "<spam-2@spam.example>" }),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    const held = (await mailRows()).find((m) => m.message_id === "<spam-2@spam.example>")!;
    const { findAgency } = await import("../../agencies/index.js");
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const deps = { ...service, secret: "test-secret", maxFileBytes: 1 << 20 };
    await deleteHeldMail(deps, agency, held.id, "staff:test");
    const row = (await mailRows()).find((m) => m.id === held.id);
    expect(row).toMatchObject({ outcome: "deleted", raw_key: null });
    await expect(service.files.read(held.raw_key!)).rejects.toThrow();
    await expect(releaseHeldMail(deps, agency, held.id, "staff:test")).rejects.toThrow("MAIL_NOT_HELD");
  });

  it("CH-4: auto-replies and bounces are never answered; a bounce is recorded on the mail it answers", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await service.outbox.drain();
    const sentBefore = smtp.messages.length;
    const entriesBefore = (await entries()).length;
    const ack = smtp.messages[0]!;
    await mailbox.append(
      "INBOX",
      mailText({
        from: "somchai@example.com",
        subject: "Automatic reply: on leave",
        body: "I am away until Monday.",
        messageId: "<ooo@example.com>",
        headers: { "Auto-Submitted": "auto-replied", "In-Reply-To": ack.messageId! },
      }),
      ACCEPTED,
    );
    const bounce = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
      "To: saraban@demo.go.th",
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <bounce-1@mx.example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "The mail could not be delivered.",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.com",
      "",
      "Final-Recipient: rfc822; somchai@example.com",
      "Action: failed",
      "Status: 5.1.1",
      "",
      "--b",
      "Content-Type: text/rfc822-headers",
      "",
      "From: saraban@demo.go.th",
      `Message-ID: ${ack.messageId}`,
      "",
      "--b--",
      "",
    ].join("\r\n");
    await mailbox.append("INBOX", bounce, ACCEPTED);
    const summary = await service.mail.runOnce("demo");
    expect(summary.automatic).toBe(2);
    await service.outbox.drain();
    expect(smtp.messages).toHaveLength(sentBefore);
    expect(await entries()).toHaveLength(entriesBefore);
    const [first] = await entries();
    const outbox = await service.handle.db
      .selectFrom("outbox")
      .selectAll()
      .where("entry_id", "=", first!.id)
      .executeTakeFirstOrThrow();
    expect(outbox.bounced_at).not.toBeNull();
    const rows = await mailRows();
    expect(rows.find((m) => m.message_id === "<bounce-1@mx.example.com>")?.related_entry_id).toBe(first!.id);
    expect(rows.find((m) => m.message_id === "<ooo@example.com>")?.outcome).toBe("auto-reply");
  });

  it("CH-4: never more than three acknowledgements to one sender in an hour", async (ctx) => {
    if (!mailbox) return ctx.skip();
    for (let i = 0; i < 5; i++) {
      await mailbox.append(
        "INBOX",
        mailText({
          from: "chatty@example.com",
          subject: `Note ${i}`,
          body: "hello",
          messageId: `<chatty-${i}@x>`,
        }),
        ACCEPTED,
      );
    }
    const summary = await service.mail.runOnce("demo");
    expect(summary.registered).toBe(5);
    const queued = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("recipient", "=", "chatty@example.com")
      .execute();
    expect(queued).toHaveLength(3);
  });

  it("CH-7: non-spam found in another folder is moved to INBOX and registered with its receipt time", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const at = new Date("2026-11-19T02:00:00.000Z");
    await mailbox.append(
      "Archive",
      mailText({
        from: "filed@example.com",
        subject: "Filed by mistake",
        body: "request",
        messageId: "<filed@x>",
      }),
      at,
    );
    const summary = await service.mail.runOnce("demo");
    expect(summary.movedToInbox).toBe(1);
    expect(summary.registered).toBe(1);
    const entry = (await entries()).find((e) => e.sender_email === "filed@example.com");
    expect(entry?.received_at).toBe(at.toISOString());
    expect(await mailbox.list("Archive")).toHaveLength(0);
  });

  it("CH-12: a failed login is recorded and shown until the mailbox works again", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.breakLogin();
    await expect(service.mail.runOnce("demo")).rejects.toThrow();
    let state = (await findMailbox(service.handle.db, "demo"))!;
    expect(state.health.failingSince).not.toBeNull();
    expect(mailboxAlerts(state, clock.now()).map((a) => a.problem)).toContain("failing");
    await mailbox.restoreLogin();
    await service.mail.runOnce("demo");
    state = (await findMailbox(service.handle.db, "demo"))!;
    expect(state.health.failingSince).toBeNull();
    expect(mailboxAlerts(state, clock.now()).map((a) => a.problem)).not.toContain("failing");
    // Stalled: nothing has worked for longer than the alert window.
    expect(mailboxAlerts(state, new Date(clock.now().getTime() + 3_600_000)).map((a) => a.problem)).toContain(
      "stalled",
    );
  });

  it("retention: the processed folder is emptied after the configured days", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const inProcessed = (await mailbox.list("Borikan-Processed")).length;
    expect(inProcessed).toBeGreaterThan(0);
    clock.set(new Date(ACCEPTED.getTime() + 91 * 86_400_000));
    const summary = await service.mail.runOnce("demo");
    expect(summary.expunged).toBe(inProcessed);
    expect(await mailbox.list("Borikan-Processed")).toHaveLength(0);
    clock.set(new Date(ACCEPTED.getTime() + 3 * 3_600_000));
  });

  it("CH-3: watching the mailbox, new mail is taken at once by IDLE, long before the next poll", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await connectDemoMailbox(service, mailbox, { pollSeconds: 600 });
    service.mail.start();
    try {
      // Let the watcher finish its first pass and settle into IDLE on INBOX.
      await new Promise((r) => setTimeout(r, 1500));
      const at = new Date("2026-11-21T01:00:00.000Z");
      await mailbox.append(
        "INBOX",
        mailText({ from: "idle@example.com", subject: "While idling", body: "hi", messageId: "<idle-1@x>" }),
        at,
      );
      const deadline = Date.now() + 10_000;
      let entry: { received_at: string } | undefined;
      while (!entry && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        entry = (await entries()).find((e) => e.sender_email === "idle@example.com");
      }
      expect(entry?.received_at).toBe(at.toISOString());
    } finally {
      await service.mail.stop();
    }
  });
});
