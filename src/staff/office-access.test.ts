import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency, REQUEST_WITH_FILE, submitRequest } from "../../test/factories.js";
import { OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

/** Every back-office route, with the roles that may use it (empty: any signed-in officer). */
const ROUTES: { method: "GET" | "POST"; path: string; roles: string[] }[] = [
  { method: "GET", path: "/office/register", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/register.xlsx", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/register.csv", roles: ["saraban_officer"] },
  { method: "POST", path: "/office/register/checks", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/entries/:entry", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/entries/:entry/files/:file", roles: ["saraban_officer"] },
  { method: "POST", path: "/office/entries/:entry/unit", roles: ["saraban_officer"] },
  { method: "POST", path: "/office/entries/:entry/matter", roles: ["saraban_officer"] },
  { method: "POST", path: "/office/entries/:entry/cancel", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/paper", roles: ["saraban_officer"] },
  { method: "POST", path: "/office/paper", roles: ["saraban_officer"] },
  { method: "GET", path: "/office/staff", roles: ["admin"] },
  { method: "POST", path: "/office/staff", roles: ["admin"] },
  { method: "POST", path: "/office/staff/:staff/reset-password", roles: ["admin"] },
  { method: "GET", path: "/office/admin", roles: ["admin"] },
  { method: "POST", path: "/office/admin/agency", roles: ["admin"] },
  { method: "POST", path: "/office/admin/units", roles: ["admin"] },
  { method: "POST", path: "/office/admin/holidays", roles: ["admin"] },
  { method: "POST", path: "/office/admin/holidays/remove", roles: ["admin"] },
  { method: "POST", path: "/office/admin/acknowledgement", roles: ["admin"] },
  { method: "GET", path: "/office/account", roles: [] },
  { method: "POST", path: "/office/account/password", roles: [] },
  { method: "POST", path: "/office/account/totp", roles: [] },
  { method: "POST", path: "/office/account/totp/disable", roles: [] },
  { method: "POST", path: "/office/logout", roles: [] },
];

describe.each(testDialects())("back-office access on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let ids: Record<string, string>;
  let finance: OfficeClient;
  let stranger: OfficeClient;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await addOtherAgency(service, clock);
    const { entryId, fileId } = await submitRequest(service, REQUEST_WITH_FILE);
    finance = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "finance@demo.go.th", [
        "finance_officer",
      ])
    ).client;
    const stranger0 = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "other",
      "all@other.go.th",
      ["saraban_officer", "admin"],
      "/a/other",
    );
    stranger = stranger0.client;
    ids = { entry: entryId, file: fileId!, staff: stranger0.staff.id };
  });
  afterAll(() => service?.stop());

  const path = (p: string) => p.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? name);

  it.each(ROUTES)(
    "SC-1: $method $path refuses a visitor who is not signed in",
    async ({ method, path: p }) => {
      const res = await service.app.inject({ method, url: path(p), headers: { accept: "text/html" } });
      if (method === "GET") {
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/^\/office\/login\?next=/);
      } else {
        expect(res.statusCode).toBe(401);
      }
    },
  );

  it.each(ROUTES.filter((r) => r.roles.length > 0))(
    "SC-1: $method $path refuses an officer without the role",
    async ({ method, path: p }) => {
      const res = method === "GET" ? await finance.get(path(p)) : await finance.post(path(p), {});
      expect(res.statusCode).toBe(403);
    },
  );

  it.each(ROUTES.filter((r) => r.path.includes(":entry")))(
    "SC-1: $method $path never reaches another agency's entry",
    async ({ method, path: p }) => {
      const res =
        method === "GET"
          ? await stranger.get(path(p))
          : await stranger.post(path(p), { reason: "not mine", unitId: "", receiptNumber: "1/2569" });
      expect(res.statusCode).toBe(404);
    },
  );

  it("SC-1: another agency's officer cannot reset this agency's staff", async () => {
    const demoAdmin = await service.handle.db
      .selectFrom("staff")
      .select("id")
      .where("agency_id", "=", "demo")
      .where("email", "=", "admin@demo.go.th")
      .executeTakeFirstOrThrow();
    expect((await stranger.post(`/office/staff/${demoAdmin.id}/reset-password`)).statusCode).toBe(404);
  });

  it("SC-1: a state change without the session's CSRF token is refused", async () => {
    const client = new OfficeClient(service.app);
    client.cookies = finance.cookies;
    expect((await client.post("/office/account/totp", {}, { csrf: null })).statusCode).toBe(403);
  });
});
