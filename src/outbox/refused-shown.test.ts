import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";

/**
 * #10, CH-12: a message the recipient's server refused for good is shown as failed, in the server's
 * own words, on the entry page, the register and the outbox page — never as queued or sent.
 */
describe.each(testDialects())("a permanent refusal shown to officers on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T02:00:00.000Z");
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  let admin: OfficeClient;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    smtp.refuse("nobody@example.com", 550, "5.1.1 <nobody@example.com>: Recipient address rejected");
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    admin = (await signedInOfficer(service.app, service.handle, clock, "demo", "chief@demo.go.th", ["admin"]))
      .client;
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  it("CH-12: refused by the recipient's server: the entry, the register and the outbox page say so", async () => {
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { name: "สมหญิง รักดี", subject: "ขอสำเนาใบอนุญาต", confirmed: true, email: "nobody@example.com" },
    });
    expect(res.statusCode).toBe(201);
    expect(await service.outbox.drain()).toBe(0);
    const entry = await service.handle.db
      .selectFrom("entries")
      .select(["id", "receipt_number"])
      .where("receipt_number", "=", res.json().receiptNumber)
      .executeTakeFirstOrThrow();

    const page = await admin.get(`/office/entries/${entry.id}`);
    expect(page.body).toContain("ส่งไม่ถึง: เซิร์ฟเวอร์ของผู้รับปฏิเสธ: 550");
    expect(page.body).toContain("Recipient address rejected");
    const en = await admin.get(`/office/entries/${entry.id}`, { cookie: `${admin.cookieHeader}; lang=en` });
    expect(en.body).toContain("not delivered: refused by the recipient&#39;s server: 550");

    const register = await admin.get("/office/register?date=2026-11-23");
    expect(register.body).toMatch(
      new RegExp(
        `data-receipt="${entry.receipt_number}"[\\s\\S]*?data-ack="failed">[^<]*เซิร์ฟเวอร์ของผู้รับปฏิเสธ`,
      ),
    );

    const outbox = await admin.get("/office/outbox");
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toMatch(/data-outbox-failed="[^"]+"[\s\S]*?nobody@example.com[\s\S]*?ปฏิเสธ: 550/);
  });
});
