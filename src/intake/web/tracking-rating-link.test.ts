import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, unitOfficer } from "../../../test/casework.js";
import { testDialects } from "../../../test/db.js";
import { submitRequest } from "../../../test/factories.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { publishTestService } from "../../../test/service-fixture.js";
import { fixedClock } from "../../platform/clock.js";
import { loadOrCreateSecret } from "../../platform/secret.js";
import { type MatterActor, recordAction } from "../../register/index.js";
import { recordRating } from "../../satisfaction/index.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const RATE_LINK = /data-testid="rating-link" href="[^"]*\/a\/demo\/rate\/([\w.-]+)"/;

describe.each(testDialects())("the tracking page's rating link (%s)", (dialect) => {
  let service: TestService;
  let officer: MatterActor;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const { staff } = await unitOfficer(service, clock, "track.rate@demo.go.th", ["reviewer"]);
    officer = { kind: "staff", staffId: staff.id, roles: ["reviewer", "admin"] };
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** A question through the web API, answered and, unless `open`, closed: its tracking page's path. */
  async function answered(email: string, open: boolean) {
    const { entryId, trackingUrl } = await submitRequest(service, {
      name: "สมหญิง รักดี",
      email,
      subject: "ขอทราบขั้นตอน",
      confirmed: true,
    });
    const { matter_id } = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    await routeMatter(service, clock, matter_id);
    for (const action of open ? (["answer"] as const) : (["answer", "close"] as const))
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId: matter_id },
        action,
        payload: {},
        actor: officer,
        at: clock.now(),
      });
    const url = new URL(trackingUrl);
    return `${url.pathname}${url.search}`;
  }
  const page = async (path: string) => {
    const res = await service.app.inject({ url: path, headers: { accept: "text/html" } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it("TR-3: a closed matter's tracking page links to its rating page until it is rated; an open one does not", async () => {
    const closed = await answered("track.closed@example.com", false);
    const token = RATE_LINK.exec(await page(closed))?.[1];
    expect(token).toBeDefined();
    const form = await service.app.inject({ url: `/a/demo/rate/${token}`, headers: { accept: "text/html" } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('type="radio" name="rating"');

    const open = await answered("track.open@example.com", true);
    expect(await page(open)).toContain('data-testid="timeline"');
    expect(await page(open)).not.toContain("/rate/");

    const secret = loadOrCreateSecret(service.dataDir);
    await recordRating(
      { handle: service.handle, clock, secret },
      { agencyId: "demo", token: token!, rating: 5, channel: "web" },
    );
    const rated = await page(closed);
    expect(rated).toContain('data-testid="timeline"');
    expect(rated).not.toContain("/rate/");
  });
});
