import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence } from "../../test/licensing.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, lineEnv } from "../../test/line-webhook.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter } from "../register/index.js";
import { listMatterDeliveries } from "./deliveries.repo.js";
import { sweepDeliveries } from "./sweep-deliveries.js";

const USER = `U${"d".repeat(32)}`;

describe.each(testDialects())("delivering a licence by LINE on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let line: FakeLine;
  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, env: lineEnv(line) });
    await connectLine(service, line, clock.now());
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  it("DL-1, DL-2: an applicant who came by LINE gets one push with an expiring signed link (no file message exists for bots); sent is LINE's answer", async () => {
    const { application, licence } = await issuedLicence(service, clock);
    // The application came by LINE: its entry carries the LINE user, as the LINE intake writes it.
    await service.handle.db
      .updateTable("entries")
      .set({ channel: "line", line_user_id: USER })
      .where("id", "=", application.entryId)
      .execute();
    await sweepDeliveries(service.delivery, clock.now());
    await sweepDeliveries(service.delivery, clock.now());
    const pushes = line.pushes.filter((p) => p.to === USER);
    expect(pushes).toHaveLength(1);
    const text = pushes[0]?.messages[0]?.text ?? "";
    expect(text).toContain(licence.number);
    const link = /(http:\/\/borikan\.test\/a\/demo\/licence-files\/\S+)/.exec(text)?.[1];
    expect(link).toBeTruthy();
    const [delivery] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(delivery).toMatchObject({ channel: "line", status: "sent", linked: 1 });
    expect(pushes[0]?.retryKey).toBe(delivery?.id);
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("delivered");
    const url = new URL(link!);
    const file = await service.app.inject({ method: "GET", url: `${url.pathname}${url.search}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
  });
});
