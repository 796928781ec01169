import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { sweepNotifications } from "../notifications/index.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { sweepNoticeDeadlines } from "./sweep-notice-deadlines.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the payment notice on the applicant's channel (%s)", (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let service: TestService;
  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  const notify = async (at: Date) => {
    const deps = {
      handle: service.handle,
      secret: loadOrCreateSecret(service.dataDir),
      publicUrl: "http://borikan.test",
      env: process.env,
    };
    while ((await sweepNotifications(deps, at)) > 0);
    await service.outbox.drain();
  };

  it("PY-1, TR-2: the applicant is emailed the amount in figures and words, Ref1, the deadline in BE and the payment page's link, then reminded once", async () => {
    const email = "payer.one@example.com";
    const { application, notice } = await matterAwaitingPayment(service, clock, { email });
    await notify(clock.now());
    const link = `/requests/${application.beYear}/${application.sequence}/payment?t=${application.token}`;
    const mine = () => smtp.messages.filter((m) => m.text?.includes(notice.ref1));
    const requested = mine().filter((m) => m.text?.includes("โปรดชำระเงิน"));
    expect(requested).toHaveLength(1);
    const text = requested[0]?.text ?? "";
    expect(text).toContain("100.00 บาท (หนึ่งร้อยบาทถ้วน)");
    expect(text).toContain(link);
    expect(text).toMatch(/ภายใน \d+ ธันวาคม 2569/);
    expect(text).toContain("please pay 100.00 baht");

    await sweepNoticeDeadlines(service.payment, new Date(notice.dueAt.getTime() - 24 * 60 * 60 * 1000));
    await notify(clock.now());
    await notify(clock.now());
    const reminders = mine().filter((m) => m.text?.includes("ใกล้ครบกำหนดชำระเงิน"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain(link);
  });
});
