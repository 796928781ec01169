import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import type { TestMailbox } from "../../../test/imap.js";
import {
  connectDemoMailbox,
  MAILBOX_SECRET_ENV,
  type MailTestbed,
  mailText,
  startMailTestbed,
} from "../../../test/mail.js";
import type { TestService } from "../../../test/service.js";
import type { startSmtpListener } from "../../../test/smtp.js";
import { fixedClock } from "../../platform/clock.js";
import { emailLookupKey } from "../../platform/crypto/index.js";
import { findEntry } from "../../register/index.js";
import { deleteHeldMail, releaseHeldMail } from "./held-mail.js";
import { createMailIntake } from "./imap-intake.js";
import { findMailbox, mailboxAlerts } from "./mailbox.repo.js";

// Friday 20 November 2026, 10:00 in Bangkok: the server accepted the mail then.
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");
const FILES = path.resolve(import.meta.dirname, "../../../test/fixtures/files");

describe.each(testDialects())("mail intake on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3 * 3_600_000));

  let testbed: MailTestbed | undefined;

  beforeAll(async () => {
    testbed = await startMailTestbed(dialect, clock);
    if (!testbed) return;
    ({ mailbox, smtp, service } = testbed);
  });

  afterAll(async () => {
    await testbed?.stop();
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
      // ID-7: the recipient is sealed; it is found by its keyed hash.
      .where("recipient_hmac", "=", emailLookupKey(service.sealer, "chatty@example.com") ?? "")
      .execute();
    expect(queued).toHaveLength(3);
  });

  it("FM-3, CH-4: a refused attachment is reported back to the sender with its reason, in Thai and English", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const exe = fs.readFileSync(path.join(FILES, "disguised-invoice.pdf")).toString("base64");
    const pdf = fs.readFileSync(path.join(FILES, "sample.pdf")).toString("base64");
    const raw = [
      "From: Nid <nid@example.com>",
      "To: saraban@demo.go.th",
      "Subject: Invoice",
      "Message-ID: <refused-1@example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Please find the invoice.",
      "--b",
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      exe,
      "--b",
      'Content-Type: application/pdf; name="form.pdf"',
      'Content-Disposition: attachment; filename="form.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      pdf,
      "--b--",
      "",
    ].join("\r\n");
    await mailbox.append("INBOX", raw, ACCEPTED);
    await service.mail.runOnce("demo");
    await service.outbox.drain();
    const ack = smtp.messages.find((m) => m.inReplyTo === "<refused-1@example.com>");
    expect(ack?.text).toContain("invoice.pdf");
    expect(ack?.text).toContain("ไฟล์แนบต่อไปนี้ไม่ได้รับไว้");
    expect(ack?.text).toContain("These attached files were not accepted");
    expect(ack?.text).toContain("disguised harmful file");
    expect(ack?.text).not.toContain("form.pdf:");
  });

  it("CH-9: mail forwarded from an officer's own mailbox is registered under the original sender and time; the sender is told the central address", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "INBOX",
      mailText({
        from: "Somsri K. <somsri.k@demo.go.th>",
        subject: "Fwd: ขอใบอนุญาต",
        body: [
          "ส่งต่อเข้าสารบรรณครับ",
          "",
          "---------- Forwarded message ---------",
          "From: Preecha W. <preecha@example.com>",
          "Date: Thu, Nov 19, 2026 at 4:45 PM",
          "Subject: ขอใบอนุญาต",
          "To: <somsri.k@demo.go.th>",
          "",
          "ขอยื่นคำขอใบอนุญาตครับ",
          "",
          "ขอแสดงความนับถือ",
          "ปรีชา วงศ์ใหญ่",
        ].join("\n"),
        messageId: "<fwd-1@demo.go.th>",
      }),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    await service.outbox.drain();
    const entry = (await entries()).find((e) => e.sender_email === "preecha@example.com");
    // 16:45 on 19 Nov written without a zone: read as Bangkok time, and marked as a claim.
    expect(entry?.received_at).toBe("2026-11-19T09:45:00.000Z");
    expect(entry?.received_at_claimed).toBe(1);
    expect(entry?.forwarded_by).toBe("somsri.k@demo.go.th");
    expect(entry?.signature).toBe("ปรีชา วงศ์ใหญ่");
    const ack = smtp.messages.find(
      (m) => m.text?.includes(entry!.receipt_number) && m.subject?.includes("ขอใบอนุญาต"),
    );
    expect(ack && !Array.isArray(ack.to) ? ack.to?.text : "").toBe("preecha@example.com");
    expect(ack?.text).toContain("saraban@demo.go.th");
    expect(ack?.text).toContain("Please write to saraban@demo.go.th next time");
  });

  it("RG-4: a message that cannot be stored (disk full) stays in INBOX, the others are taken, and it is taken once the fault is gone", async (ctx) => {
    if (!mailbox) return ctx.skip();
    let diskFull = true;
    const files = {
      ...service.files,
      put: async (bytes: Uint8Array) => {
        if (diskFull && Buffer.from(bytes).includes("POISON"))
          throw new Error("ENOSPC: no space left on device");
        return service.files.put(bytes);
      },
    };
    const intake = createMailIntake({
      handle: service.handle,
      clock,
      files,
      secret: "test-secret",
      maxFileBytes: 1 << 20,
      log: () => {},
      env: { [MAILBOX_SECRET_ENV]: mailbox.password },
    });
    await mailbox.append(
      "INBOX",
      mailText({
        from: "a@example.com",
        subject: "poison",
        body: "x",
        messageId: "<poison@x>",
        headers: { "X-Test": "POISON" },
      }),
      ACCEPTED,
    );
    await mailbox.append(
      "INBOX",
      mailText({ from: "b@example.com", subject: "fine", body: "y", messageId: "<fine@x>" }),
      ACCEPTED,
    );
    const first = await intake.runOnce("demo");
    expect(first).toMatchObject({ registered: 1, failed: 1 });
    expect((await mailbox.list("INBOX")).map((m) => m.messageId)).toEqual(["<poison@x>"]);
    diskFull = false;
    expect(await intake.runOnce("demo")).toMatchObject({ registered: 1, failed: 0 });
    expect(await mailbox.list("INBOX")).toHaveLength(0);
    expect((await entries()).filter((e) => e.source_message_id === "<poison@x>")).toHaveLength(1);
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
    // Storage is read from the server's quota (RFC 2087), so a nearly full mailbox can be announced.
    expect(state.health.quotaLimit).toBeGreaterThan(0);
    expect(
      mailboxAlerts(
        { ...state, health: { ...state.health, quotaUsed: state.health.quotaLimit! } },
        clock.now(),
      ),
    ).toContainEqual({ problem: "nearly-full", percent: 100 });
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
