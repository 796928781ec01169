import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { agencyResolver } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { html } from "../platform/html.js";
import { createHttpServer } from "../platform/http/http-server.js";
import { resolveLanguage } from "../platform/http/request-context.js";
import { caseworkRoutes } from "./casework.routes.js";
import type { MatterPanel } from "./matter-panel.js";

describe.each(testDialects())("the matter page's panels on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(() => service?.stop());

  it("the other parts' panels follow the matter's own sections, in the app's order, each given the matter as it stands", async () => {
    const { matterId } = await submitTestApplication(service);
    await routeMatter(service, clock, matterId);
    const { client } = await unitOfficer(service, clock, "panels@demo.go.th", ["reviewer"]);
    const seen: string[] = [];
    const panels: MatterPanel[] = [
      async (_req, matter) => {
        seen.push(`${matter.id}@${matter.version}`);
        return html`<section id="review-panel">checks of version ${matter.version}</section>`;
      },
      async () => undefined,
      async (req) => html`<section id="letters-panel">${req.lang}</section>`,
    ];
    // Its own app over the same database: the officer's session is the same row.
    const app = await createHttpServer({
      limits: { maxFileBytes: 1e6, maxRequestBytes: 2e6, maxFiles: 1 },
      https: false,
    });
    app.addHook("onRequest", resolveLanguage);
    app.addHook("onRequest", agencyResolver(service.handle.db, "demo"));
    await caseworkRoutes(app, { handle: service.handle, clock, matterPanels: panels });
    try {
      const page = await app.inject({
        url: `/office/matters/${matterId}`,
        headers: { accept: "text/html", cookie: client.cookieHeader },
      });
      expect(page.statusCode).toBe(200);
      expect(seen).toEqual([`${matterId}@1`]);
      const order = ["ลำดับการดำเนินการ", 'id="review-panel"', 'id="letters-panel"'].map((s) =>
        page.body.indexOf(s),
      );
      expect(order.every((i) => i > 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(page.body).toContain("checks of version 1");
    } finally {
      await app.close();
    }
  });
});
