import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the service page's webboard links on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const get = (url: string) => service.app.inject({ url, headers: { accept: "text/html" } });

  it("WB-1, WB-2: the service page links to its topics and to asking a question with the service chosen", async () => {
    const page = await get("/services/shop-permit");
    expect(page.statusCode).toBe(200);
    const section = /<section class="webboard" data-testid="service-webboard">[\s\S]*?<\/section>/.exec(
      page.body,
    )?.[0];
    expect(section).toContain("กระดานสนทนาเกี่ยวกับงานบริการนี้");
    expect(section).toContain('href="/webboard?service=shop-permit"');
    expect(section).toContain('href="/webboard/new?service=shop-permit"');
    expect((await get("/webboard?service=shop-permit")).statusCode).toBe(200);

    // Signed in with a verified email: the new-topic form has the service chosen; an unknown one, none.
    const citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "ask@example.th",
    });
    const form = await citizen.client.get("/webboard/new?service=shop-permit");
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<option value="shop-permit" selected>/);
    const unknown = await citizen.client.get("/webboard/new?service=%3Cscript%3E");
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).not.toContain(" selected>");
    expect(unknown.body).not.toContain("<script>");
  });
});
