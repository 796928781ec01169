import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import type { TestMailbox } from "../../../test/imap.js";
import { type MailTestbed, mailText, startMailTestbed } from "../../../test/mail.js";
import { type OfficeClient, signedInOfficer } from "../../../test/office.js";
import type { TestService } from "../../../test/service.js";
import type { startSmtpListener } from "../../../test/smtp.js";
import { addReferralAgency } from "../../agencies/index.js";
import { fixedClock } from "../../platform/clock.js";

const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");

const htmlMail = (from: string, messageId: string, subject: string, htmlBody: string) =>
  [
    `From: ${from}`,
    "To: saraban@demo.go.th",
    `Subject: ${subject}`,
    "Date: Fri, 20 Nov 2026 10:00:00 +0700",
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/html; charset=UTF-8",
    "",
    htmlBody,
    "",
  ].join("\r\n");

describe.each(testDialects())("mailbox pages on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  let officer: OfficeClient;
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3_600_000));

  let testbed: MailTestbed | undefined;

  beforeAll(async () => {
    testbed = await startMailTestbed(dialect, clock);
    if (!testbed) return;
    ({ mailbox, smtp, service } = testbed);
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban1@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  const entryOf = (messageId: string) =>
    service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("source_message_id", "=", messageId)
      .executeTakeFirst();

  it("CH-5, CH-6: held spam is shown at the register check and on the mailbox page; released, it is registered at its receipt time", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "Junk",
      mailText({ from: "maybe@example.com", subject: "ขอข้อมูล", body: "ขอข้อมูลครับ", messageId: "<held-1@x>" }),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    const register = await officer.get("/office/register");
    expect(register.body).toContain("มีอีเมลที่สงสัยว่าเป็นสแปมรอตรวจ 1 ฉบับ");
    const page = await officer.get("/office/mail");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("maybe@example.com");
    expect(page.body).toContain("เครื่องแม่ข่ายอีเมลจัดไว้ในโฟลเดอร์ขยะ");
    const held = await service.handle.db
      .selectFrom("mail_messages")
      .select("id")
      .where("message_id", "=", "<held-1@x>")
      .executeTakeFirstOrThrow();
    // Without the session's CSRF token nothing happens.
    expect((await officer.post(`/office/mail/held/${held.id}/release`, {}, { csrf: null })).statusCode).toBe(
      403,
    );
    const released = await officer.post(`/office/mail/held/${held.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.body).toContain("ลงรับแล้ว ด้วยเวลารับเดิม");
    const entry = await entryOf("<held-1@x>");
    expect(entry?.received_at).toBe(ACCEPTED.toISOString());
    // A second press (another officer, a double click) is refused with a reason, nothing registered twice.
    const again = await officer.post(`/office/mail/held/${held.id}/release`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("อีเมลนี้ไม่ได้อยู่ในรายการที่พักไว้แล้ว");
    const count = await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("source_message_id", "=", "<held-1@x>")
      .execute();
    expect(count).toHaveLength(1);
  });

  // #10 mail signs and addresses, end to end through the real mailbox and SMTP listener.
  it("CH-4: an automatic reply is listed with its sign; a From that does not read cleanly waits for an officer, who confirms the address and the acknowledgement goes", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "INBOX",
      mailText({
        from: "Wichai <wichai@example.com>",
        subject: "Out of Office: ขอข้อมูล",
        body: "ไม่อยู่",
        messageId: "<ooo-10@x>",
      }),
      ACCEPTED,
    );
    await mailbox.append(
      "INBOX",
      mailText({
        from: "john smith@example.com",
        subject: "ขอสำเนาใบอนุญาต",
        body: "ขอสำเนาครับ",
        messageId: "<unclear-10@x>",
      }),
      ACCEPTED,
    );
    await service.outbox.drain(); // what earlier tests queued
    await service.mail.runOnce("demo");
    const page = await officer.get("/office/mail");
    expect(page.body).toContain("หัวเรื่องขึ้นต้นแบบตอบกลับอัตโนมัติ");
    expect(await entryOf("<ooo-10@x>")).toBeUndefined();

    const entry = (await entryOf("<unclear-10@x>"))!;
    expect(entry.sender_email).toBeNull();
    expect(entry.ack_withheld).toBe("address-unclear");
    const sent = smtp.messages.length;
    expect(await service.outbox.drain(), "nothing sent to a guessed address").toBe(0);
    expect(smtp.messages.length).toBe(sent);
    const shown = await officer.get(`/office/entries/${entry.id}`);
    expect(shown.body).toContain('data-flag="ack-withheld"');
    expect(shown.body).toContain("john smith@example.com");
    const confirmed = await officer.post(`/office/entries/${entry.id}/sender-address`, {
      address: "john.smith@example.com",
    });
    expect(confirmed.statusCode).toBe(200);
    expect(await service.outbox.drain()).toBe(1);
    expect(smtp.messages.at(-1)?.to).toMatchObject({ value: [{ address: "john.smith@example.com" }] });
  });

  it("CH-6: the original mail is shown sanitised, with remote content blocked and links disarmed", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.append(
      "INBOX",
      htmlMail(
        "Web Person <web@example.com>",
        "<html-1@x>",
        "HTML request",
        '<p>Hello <b>officer</b></p><img src="https://tracker.example/p.gif"><script>alert(1)</script>' +
          '<a href="https://phish.example/login">click here</a><style>@import url(https://evil.example/x.css);</style>' +
          '<form action="https://evil.example"><input name="x"></form>',
      ),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    const entry = await entryOf("<html-1@x>");
    const page = await officer.get(`/office/entries/${entry!.id}/mail`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.body).toContain("<b>officer</b>");
    expect(page.body).toContain("click here");
    for (const remote of [
      "tracker.example",
      "phish.example",
      "evil.example",
      "<script>alert",
      '<form action="https',
    ]) {
      expect(page.body).not.toContain(remote);
    }
    const eml = await officer.get(`/office/entries/${entry!.id}/mail.eml`);
    expect(eml.headers["content-type"]).toContain("message/rfc822");
    expect(eml.headers["content-disposition"]).toContain("attachment");
    expect(eml.body).toContain("Message-ID: <html-1@x>");
  });

  it("the original-mail page shows encoded-word and raw 8-bit headers decoded, in Thai", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const subject = Buffer.from("ขอสำเนาทะเบียนบ้าน");
    // Split mid-character across two encoded-words, as long Thai subjects arrive.
    const subjectWords = [subject.subarray(0, 10), subject.subarray(10)]
      .map((part) => `=?UTF-8?B?${part.toString("base64")}?=`)
      .join("\r\n ");
    const name = iconv.encode("สมศรี มีสุข", "tis-620");
    const raw = Buffer.concat([
      Buffer.from(
        `From: =?TIS-620?Q?${[...name].map((b) => `=${b.toString(16).toUpperCase()}`).join("")}?= <somsri@example.com>\r\n` +
          "To: saraban@demo.go.th\r\nCc: ",
      ),
      iconv.encode("ฝ่ายทะเบียน", "tis-620"), // raw TIS-620 bytes, no label
      Buffer.from(
        ` <reg@example.com>\r\nSubject: ${subjectWords}\r\nDate: Fri, 20 Nov 2026 10:00:00 +0700\r\n` +
          "Message-ID: <encoded-words-1@x>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nขอสำเนาค่ะ\r\n",
      ),
    ]);
    await mailbox.append("INBOX", raw, ACCEPTED);
    await service.mail.runOnce("demo");
    const entry = await entryOf("<encoded-words-1@x>");
    const page = await officer.get(`/office/entries/${entry!.id}/mail`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="th"');
    expect(page.body).toContain("ขอสำเนาทะเบียนบ้าน");
    expect(page.body).toContain("สมศรี มีสุข");
    expect(page.body).toContain("ฝ่ายทะเบียน");
    expect(page.body).not.toContain("=?UTF-8?B?");
    expect(page.body).not.toContain("=?TIS-620?");
  });

  it("CH-8: a misdirected request is answered in Thai and English, naming the agency from the admin's list", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await addReferralAgency(
      service.handle,
      "demo",
      { nameTh: "กรมที่ดิน", nameEn: "Department of Lands", contact: "saraban@dol.go.th" },
      { clock, actor: "test" },
    );
    await mailbox.append(
      "INBOX",
      mailText({
        from: "Land Owner <owner@example.com>",
        subject: "ขอโฉนดที่ดิน",
        body: "ขอออกโฉนด",
        messageId: "<land-1@example.com>",
      }),
      ACCEPTED,
    );
    await service.mail.runOnce("demo");
    const entry = (await entryOf("<land-1@example.com>"))!;
    const page = await officer.get(`/office/entries/${entry.id}`);
    expect(page.body).toContain("กรมที่ดิน");
    const referral = /<option value="([^"]+)">กรมที่ดิน/.exec(page.body)?.[1];
    expect(referral).toBeDefined();
    const marked = await officer.post(`/office/entries/${entry.id}/misdirected`, {
      referralId: referral!,
      note: "",
    });
    expect(marked.statusCode).toBe(200);
    const twice = await officer.post(`/office/entries/${entry.id}/misdirected`, { referralId: referral! });
    expect(twice.statusCode).toBe(409);
    await service.outbox.drain();
    const reply = smtp.messages.find((m) => m.subject?.includes("ไม่อยู่ในอำนาจหน้าที่"));
    expect(reply).toBeDefined();
    expect(reply!.to && !Array.isArray(reply!.to) ? reply!.to.text : "").toBe("owner@example.com");
    expect(reply!.inReplyTo).toBe("<land-1@example.com>");
    expect(reply!.text).toContain("กรมที่ดิน");
    expect(reply!.text).toContain("Department of Lands");
    expect(reply!.text).toContain("saraban@dol.go.th");
    expect(reply!.text).toContain(entry.receipt_number);
  });

  it("CH-12: a failing mailbox is shown on the register page", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.breakLogin();
    await expect(service.mail.runOnce("demo")).rejects.toThrow();
    const register = await officer.get("/office/register");
    expect(register.body).toContain("เชื่อมต่อกล่องอีเมลไม่ได้");
    // The server's refusal in words, its own text kept after it for whoever fixes it.
    expect(register.body).toMatch(
      /เซิร์ฟเวอร์อีเมลไม่ยอมให้เข้าระบบ \(รหัสผ่านผิด หรือสิทธิ์เข้าถึงถูกยกเลิก\) \(login failed/,
    );
    await mailbox.restoreLogin();
    await service.mail.runOnce("demo");
    expect((await officer.get("/office/register")).body).not.toContain("เชื่อมต่อกล่องอีเมลไม่ได้");
  });
});
