import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { indexUnindexedLicences } from "./index-unindexed-licences.js";
import type { Licence } from "./licence.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

/**
 * PR-1, PR-2: the register's pages publish what its exports publish. A confidential licence (DL-3) is
 * in neither; a printed line its service marks sensitive is on neither. The holder still checks a
 * confidential licence by its QR (LC-3): the verification page is reached by the code, not listed.
 */
describe.each(testDialects())("the register's pages and exports agree on %s", (dialect) => {
  let service: TestService;
  let open: Licence;
  let secret: Licence;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    ({ licence: open } = await issuedLicence(service, clock));
    ({ licence: secret } = await issuedLicence(service, clock));
    // A licence whose template is confidential: planted as its row says so.
    await service.handle.db
      .updateTable("licences")
      .set({ confidential: 1 })
      .where("id", "=", secret.id)
      .execute();
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
  });
  const get = (url: string) => service.app.inject({ method: "GET", url });
  const shop = () => open.fields.find((f) => f.key === "shop-name")!;
  /** Every body the register serves to the public: list, search, the licence's page, display, exports. */
  const published = async () => {
    const urls = [
      "/licences",
      `/licences?q=${encodeURIComponent(shop().value)}`,
      `/licences/${open.id}`,
      "/licences/display?i=0",
      "/licences/display?i=1",
      "/licences.csv",
      "/licences.json",
    ];
    return Promise.all(urls.map(async (url) => ({ url, res: await get(url) })));
  };

  it("PR-1, PR-2: a confidential licence is on no register page, as in no export; its QR still verifies", async () => {
    for (const { url, res } of await published()) {
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(secret.number);
      expect(res.body, url).not.toContain(secret.verificationCode);
    }
    // The public licence is listed, so the check above can fail.
    expect((await get("/licences")).body).toContain(open.number);
    expect((await get(`/licences/${secret.id}`)).statusCode).toBe(404);
    // The display screen holds the one public licence: past it, it starts again there.
    expect((await get("/licences/display?i=1")).body).toContain(open.number);
    const check = await service.app.inject({
      method: "GET",
      url: `/verify/${encodeURIComponent(secret.number)}?c=${secret.verificationCode}`,
      headers: { accept: "text/html" },
    });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain(secret.number);
  });

  it("PR-1, PR-2: a line its service marks sensitive is on no register page, as in no export", async () => {
    const line = shop();
    const before = (await get(`/licences/${open.id}`)).body;
    expect(before).toContain(line.value);
    // An older version's form marking the shop's name sensitive (publishing refuses this today).
    const row = await service.handle.db
      .selectFrom("service_versions")
      .select(["id", "definition"])
      .where("id", "=", open.serviceVersionId!)
      .executeTakeFirstOrThrow();
    const definition = JSON.parse(row.definition);
    definition.form.ui.fields.shopName.dataClass = "sensitive";
    await service.handle.db
      .updateTable("service_versions")
      .set({ definition: JSON.stringify(definition) })
      .where("id", "=", row.id)
      .execute();
    // Its words written again, as the worker's sweep writes a licence's missing words.
    await service.handle.db.deleteFrom("licence_search_terms").where("licence_id", "=", open.id).execute();
    expect(await indexUnindexedLicences(service.handle, clock.now())).toBe(1);
    for (const { url, res } of await published()) {
      expect(res.statusCode, url).toBe(200);
      if (url.includes("?q=")) {
        // The search box echoes the words asked for; the hidden line's words find nothing.
        expect(res.body, url).not.toContain(open.number);
        continue;
      }
      expect(res.body, url).toContain(open.number);
      expect(res.body, url).not.toContain(line.value);
    }
    // The title's words still find it.
    expect((await get(`/licences?q=${encodeURIComponent(open.title.th)}`)).body).toContain(open.number);
  });
});
