import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MASTER_KEY, testDialects } from "../../test/db.js";
import { connectLine } from "../../test/line-webhook.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { startSmtpListener } from "../../test/smtp.js";
import { loadConfig } from "../config/index.js";
import { logChannelWarnings } from "../intake/channel-warnings.js";
import { fixedClock } from "../platform/clock.js";
import { createMailSender } from "../platform/mail/transport.js";
import { createService } from "../service.js";

// Monday 23 November 2026, 09:00 Bangkok.
const MONDAY_9 = "2026-11-23T02:00:00.000Z";
const request = { name: "สมหญิง รักดี", subject: "ขอสำเนาใบอนุญาต", confirmed: true };

describe.each(testDialects())("no mail server configured, on %s", (dialect) => {
  const clock = fixedClock(MONDAY_9);
  let service: TestService;
  let admin: OfficeClient;
  let officer: OfficeClient;
  let receipt: { receiptNumber: string; trackingUrl: string; acknowledgement: { status: string } };

  const entryRow = () =>
    service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("receipt_number", "=", receipt.receiptNumber)
      .executeTakeFirstOrThrow();
  const outboxRow = async () =>
    service.handle.db
      .selectFrom("outbox")
      .selectAll()
      .where("entry_id", "=", (await entryRow()).id)
      .executeTakeFirstOrThrow();
  const tracking = (json: boolean) => {
    const url = new URL(receipt.trackingUrl);
    return service.app.inject({
      url: (json ? url.pathname.replace("/a/demo", "/api/v1") : url.pathname) + url.search,
    });
  };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "admin2@demo.go.th", ["admin"])
    ).client;
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "saraban@demo.go.th", [
        "saraban_officer",
      ])
    ).client;
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { ...request, email: "somying@example.com" },
    });
    expect(res.statusCode).toBe(201);
    receipt = res.json();
  });
  afterAll(() => service?.stop());

  it("CH-4, CH-12: without SMTP_URL the acknowledgement stays not delivered, and the API never says it was emailed", async () => {
    expect(receipt.acknowledgement).toEqual({ status: "not_sent", via: null, at: null });
    expect(await service.outbox.drain()).toBe(0);
    expect(await service.outbox.drain()).toBe(0);
    expect(await outboxRow()).toMatchObject({ status: "not_configured", sent_at: null, attempts: 0 });
    expect((await entryRow()).acknowledged_at).toBeNull();
    const json = (await tracking(true)).json();
    expect(json.acknowledgedAt).toBeNull();
    expect(json.acknowledgement.status).toBe("not_sent");
  });

  it("CH-4: the tracking page, the register and the entry say the acknowledgement was not emailed", async () => {
    const page = await tracking(false);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("หนังสือตอบรับยังไม่ได้ส่งไปที่อีเมล somying@example.com");
    expect(page.body).not.toContain("หนังสือตอบรับจะส่งไปที่อีเมล");
    expect(page.body).not.toContain("ตอบรับแล้ว");
    const english = await service.app.inject({
      url: `${new URL(receipt.trackingUrl).pathname}${new URL(receipt.trackingUrl).search}&lang=en`,
    });
    expect(english.body).toContain("has not been emailed");

    const register = await officer.get("/office/register?date=2026-11-23");
    expect(register.body).toContain('data-notice="mail-not-configured"');
    const line = new RegExp(`data-receipt="${receipt.receiptNumber}".*?</tr>`, "s").exec(register.body)?.[0];
    expect(line).toContain('data-ack="not_sent"');
    expect(line).toContain("ยังไม่ได้ส่งอีเมล (ไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล)");
    const entry = await officer.get(`/office/entries/${(await entryRow()).id}`);
    expect(entry.body).toContain("ยังไม่ตอบรับ — ยังไม่ได้ส่งอีเมล");
    expect(entry.body).toContain(`/entries/${(await entryRow()).id}/acknowledgement`);
  });

  it("CH-12: an admin reads the mail not sent at the outgoing-mail page, labelled so and audited; others get 403", async () => {
    const list = await admin.get("/office/outbox");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("ยังไม่ได้ส่ง — ไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล");
    expect(list.body).toContain("somying@example.com");
    const { id } = await outboxRow();
    const message = await admin.get(`/office/outbox/${id}`);
    expect(message.statusCode).toBe(200);
    expect(message.body).toContain(`เลขรับ ${receipt.receiptNumber}`);
    expect(message.body).toContain(`Receipt number ${receipt.receiptNumber}`);
    expect((await officer.get("/office/outbox")).statusCode).toBe(403);
    expect((await officer.get(`/office/outbox/${id}`)).statusCode).toBe(403);
    expect((await admin.get("/office/outbox/no-such-message")).statusCode).toBe(404);
    const reads = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "subject_id"])
      .where("action", "in", ["outbox.read", "outbox.read-message"])
      .execute();
    expect(reads).toEqual(
      expect.arrayContaining([
        { action: "outbox.read", subject_id: "demo" },
        { action: "outbox.read-message", subject_id: (await entryRow()).id },
      ]),
    );
  });

  it("CH-12: the admin page and the start-up log warn of every channel not configured", async () => {
    const page = await admin.get("/office/admin");
    expect(page.body).toContain('data-section="channels"');
    expect(page.body).toContain("ไม่ได้กำหนด SMTP_URL");
    expect(page.body).toContain("ยังไม่ได้เชื่อมต่อกล่องอีเมลกลาง");
    expect(page.body).toContain("ยังไม่ได้เชื่อมต่อ LINE Official Account");
    const logs: string[] = [];
    await logChannelWarnings(service.handle.db, { mailConfigured: false, env: {} }, (m) => logs.push(m));
    expect(logs.join("\n")).toContain("SMTP_URL is not set");
    expect(logs.join("\n")).toContain("The central mailbox is not connected");
  });

  it("CH-10, CH-12: a LINE channel without its token says so, and an officer's answer is refused as not sent", async () => {
    const nowhere = "http://127.0.0.1:9";
    await connectLine(service, { apiBaseUrl: nowhere, dataApiBaseUrl: nowhere }, new Date(MONDAY_9), {
      secret: "HONEST_TEST_LINE_SECRET",
      token: "HONEST_TEST_LINE_TOKEN_UNSET",
    });
    const { id } = await entryRow();
    await service.handle.db
      .updateTable("entries")
      .set({ line_user_id: "U-honest" })
      .where("id", "=", id)
      .execute();
    const admin2 = await admin.get("/office/admin");
    expect(admin2.body).toContain("ไม่ได้กำหนด HONEST_TEST_LINE_TOKEN_UNSET");
    await officer.get(`/office/entries/${id}`);
    const answer = await officer.post(`/office/entries/${id}/line-answer`, { text: "ได้รับเรื่องแล้ว" });
    expect(answer.statusCode).toBe(409);
    expect(answer.body).toContain("ยังไม่ได้ส่ง");
    expect(await service.handle.db.selectFrom("line_replies").selectAll().execute()).toHaveLength(0);
    await service.handle.db.updateTable("entries").set({ line_user_id: null }).where("id", "=", id).execute();
    await service.handle.db.deleteFrom("line_channels").execute();
  });

  it("CH-4: once a mail server is configured, the mail kept meanwhile goes to it exactly once", async () => {
    const smtp = await startSmtpListener();
    const config = loadConfig({
      DATABASE_URL: service.database.url,
      DATA_DIR: service.dataDir,
      ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
      ROLE: "web",
      SECRET_KEY: "test-secret",
      PUBLIC_URL: "http://borikan.test",
      LOG_LEVEL: "silent",
    });
    const configured = await createService(config, {
      clock,
      mail: createMailSender(smtp.url, () => {}),
      log: () => {},
    });
    try {
      clock.set("2026-11-23T02:10:00.000Z"); // within the officers' idle time
      // The restarted worker, and the old one still running without a mail server, at the same time.
      await Promise.all([configured.outbox.drain(), configured.outbox.drain(), service.outbox.drain()]);
      await configured.outbox.drain();
      const mails = smtp.messages.filter((m) => m.subject?.includes(receipt.receiptNumber));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(`เลขรับ ${receipt.receiptNumber}`);
      expect(await outboxRow()).toMatchObject({ status: "sent", attempts: 1 });
      expect(await entryRow()).toMatchObject({
        acknowledged_at: "2026-11-23T02:10:00.000Z",
        acknowledged_via: "email",
      });
      const tracked = await configured.app.inject({
        url:
          new URL(receipt.trackingUrl).pathname.replace("/a/demo", "/api/v1") +
          new URL(receipt.trackingUrl).search,
      });
      expect(tracked.json().acknowledgement).toEqual({
        status: "acknowledged",
        via: "email",
        at: "2026-11-23T02:10:00.000Z",
      });
      const after = await admin.get("/office/outbox");
      expect(after.statusCode).toBe(200);
      expect(after.body).not.toContain("somying@example.com");
    } finally {
      await configured.close();
      await smtp.close();
    }
  });
});
