import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { listNotifications, sweepNotifications } from "../notifications/index.js";
import { fixedClock } from "../platform/clock.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { recordAction } from "../register/index.js";
import { verificationUrl } from "./licence.js";

// Monday 7 December 2026, 10:00 Bangkok: Buddhist-era year 2569.
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the applicant told of their licence (%s)", (dialect) => {
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

  const notify = async () => {
    const deps = {
      handle: service.handle,
      secret: loadOrCreateSecret(service.dataDir),
      publicUrl: "http://borikan.test",
      env: process.env,
    };
    while ((await sweepNotifications(deps, clock.now())) > 0);
    await service.outbox.drain();
  };

  it("TR-2, LC-3: issuing emails the licence's number, validity in BE, its verification link on the agency's own origin and where to download it; delivery is told once", async () => {
    const email = "holder.one@example.com";
    const { application, licence } = await issuedLicence(service, clock, { email });
    await notify();
    const mine = () =>
      smtp.messages.filter((m) => m.text?.includes(`${application.beYear}/${application.sequence}?t=`));
    const issued = mine().filter((m) => m.text?.includes("หน่วยงานออกใบอนุญาตให้ท่านแล้ว"));
    expect(issued).toHaveLength(1);
    const text = issued[0]?.text ?? "";
    expect(text).toContain(`ใบอนุญาตเลขที่: ${licence.number}`);
    expect(text).toContain("มีผลตั้งแต่: 7 ธันวาคม 2569");
    expect(text).toContain("ใช้ได้ถึง: 6 ธันวาคม 2570");
    const verifyUrl = verificationUrl("http://borikan.test", licence);
    expect(text).toContain(verifyUrl);
    expect(new URL(verifyUrl).host).toBe("borikan.test");
    expect(text).toContain(`/requests/${application.beYear}/${application.sequence}?t=`);
    // English follows the Thai.
    expect(text).toContain(`Licence number: ${licence.number}`);
    expect(text).toContain("Valid until: 6 December 2027");
    const events = (await listNotifications(service.handle.db, application.matterId)).map((n) => n.event);
    expect(events).toContain("licence-issued");

    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: application.matterId },
      action: "deliver",
      payload: {},
      actor: { kind: "system", name: "system:test" },
      at: clock.now(),
    });
    await notify();
    await notify();
    const delivered = mine().filter((m) => m.text?.includes("หน่วยงานส่งมอบใบอนุญาตให้ท่านแล้ว"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.text).toContain("สถานะ: ส่งมอบแล้ว");
    expect(delivered[0]?.text).toContain(`/requests/${application.beYear}/${application.sequence}?t=`);
  });
});
