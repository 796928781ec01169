import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalCkan, startLocalCkan, THAI_GDC_REQUIRED } from "../../test/ckan-server.js";
import { testDialects } from "../../test/db.js";
import { issuedLicence } from "../../test/licensing.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { sweepOpenData } from "./sweep-open-data.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const PAGE = "/office/open-data";
const TOKEN = "ckan-token-0123456789abcdef";

describe.each(testDialects())("pushing the register to CKAN on %s", (dialect) => {
  let service: TestService;
  let ckan: LocalCkan;
  let admin: OfficeClient;
  let reviewer: OfficeClient;
  const settings = (over: Record<string, string> = {}) => ({
    ckanUrl: ckan.url,
    ckanOwnerOrg: "demo-org",
    ckanDataset: "demo-licences",
    ckanToken: TOKEN,
    enabled: "on",
    ...over,
  });
  const pushes = () => service.handle.db.selectFrom("open_data_pushes").selectAll().orderBy("seq").execute();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await issuedLicence(service, clock);
    ckan = await startLocalCkan({ token: TOKEN, orgs: ["demo-org"] });
    admin = (await signedInOfficer(service.app, service.handle, clock, "demo", "od@demo.go.th", ["admin"]))
      .client;
    reviewer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "odr@demo.go.th", ["reviewer"])
    ).client;
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    await ckan?.stop();
  });

  it("OD-1: admins only; saving needs CSRF and a step-up; the token is sealed, never shown back, not audited", async () => {
    expect((await reviewer.get(PAGE)).statusCode).toBe(403);
    const page = await admin.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-push="never"');
    expect((await admin.get("/office/work")).body).toContain(`href="${PAGE}"`);
    expect(page.body).toContain('data-ckan="unconfigured"');
    const notStepped = await admin.post(`${PAGE}/ckan`, settings());
    expect(notStepped.statusCode).toBe(303);
    await stepUp(admin, clock);
    await admin.get(PAGE);
    expect((await admin.post(`${PAGE}/ckan`, settings(), { csrf: "x" })).statusCode).toBe(403);
    const bad = await admin.post(`${PAGE}/ckan`, settings({ ckanOwnerOrg: "Demo Org!" }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("ckanOwnerOrg");
    const saved = await admin.post(`${PAGE}/ckan`, settings());
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('data-ckan="enabled"');
    expect(saved.body).not.toContain(TOKEN);
    expect(saved.body).toContain("…cdef");
    const row = await service.handle.db
      .selectFrom("open_data_settings")
      .select("ckan_token")
      .executeTakeFirstOrThrow();
    expect(row.ckan_token).toBe(TOKEN); // opened by the sealing plugin; stored sealed:
    const raw = await sql<{
      head: string;
    }>`select substr(ckan_token, 1, 5) as head from open_data_settings`.execute(service.handle.db);
    expect(raw.rows[0]?.head).toBe("enc1:");
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "opendata.ckan")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).not.toContain(TOKEN);
    expect(JSON.parse(audit[0]!.data).tokenChanged).toBe(true);
  });

  it("OD-1, PR-4: the first push creates the dataset with the 14 items and three URL resources; the second updates", async () => {
    const first = await admin.post(`${PAGE}/push`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('data-push="pushed"');
    expect(ckan.packages.size).toBe(1);
    const pkg = [...ckan.packages.values()][0]!;
    for (const field of THAI_GDC_REQUIRED) expect(String(pkg[field] ?? ""), field).not.toBe("");
    expect(pkg.name).toBe("demo-licences");
    expect(pkg.owner_org).toBe("demo-org");
    expect(pkg.license_id).toBe("dga-ogl");
    expect(pkg.resources.map((r) => r.format)).toEqual(["CSV", "JSON", "XLSX"]);
    expect(pkg.resources.every((r) => /\/licences\.(csv|json|xlsx)$/.test(r.url))).toBe(true);
    const ids = pkg.resources.map((r) => r.id);

    ckan.calls.length = 0;
    const second = await admin.post(`${PAGE}/push`);
    expect(second.body).toContain('data-push="pushed"');
    expect(ckan.packages.size).toBe(1);
    const again = [...ckan.packages.values()][0]!;
    expect(again.resources.map((r) => r.id)).toEqual(ids);
    expect(ckan.calls.map((c) => c.action)).toEqual([
      "package_show",
      "package_patch",
      "resource_update",
      "resource_update",
      "resource_update",
    ]);
    expect((await pushes()).map((p) => [p.outcome, p.dataset_action])).toEqual([
      ["pushed", "created"],
      ["pushed", "updated"],
    ]);
  });

  it("OD-1: a wrong token is a recorded failure with CKAN's message, and the page says so", async () => {
    await admin.post(`${PAGE}/ckan`, settings({ ckanToken: "wrong-token-9999" }));
    const res = await admin.post(`${PAGE}/push`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-push="failed"');
    expect(res.body).toContain("Authorization Error");
    const last = (await pushes()).at(-1)!;
    expect(last.outcome).toBe("failed");
    expect(last.error).toContain("403");
    expect((await admin.get(PAGE)).body).toContain('data-push="failed"');
  });

  it("OD-1: a catalogue that is down is a recorded failure, never a 5xx of ours; the sweep retries after an hour", async () => {
    await admin.post(`${PAGE}/ckan`, settings({ ckanToken: TOKEN, ckanUrl: "http://127.0.0.1:9" }));
    const res = await admin.post(`${PAGE}/push`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("unreachable");
    const count = (await pushes()).length;
    const soon = await sweepOpenData(service.licensing, new Date(clock.now().getTime() + 60_000));
    expect(soon.size).toBe(0);
    await admin.post(`${PAGE}/ckan`, settings({ ckanToken: "" }));
    const later = await sweepOpenData(service.licensing, new Date(clock.now().getTime() + 3_700_000));
    expect(later.get("demo")?.outcome).toBe("pushed");
    expect((await pushes()).length).toBe(count + 1);
    expect((await pushes()).at(-1)!.actor).toBe("system:open-data-sweep");
  });
});
