import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInChief, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { findCurrentVersion, findService } from "./index.js";
import { listServiceVersions } from "./services.repo.js";

const MAIN = {
  nameTh: "การขอหนังสือรับรองทดสอบ",
  nameEn: "Test certificate",
  summaryTh: "บริการทดสอบ",
  summaryEn: "",
  unitTh: "งานสารบรรณ",
  unitEn: "Correspondence Unit",
  categoryTh: "รับรอง",
  categoryEn: "",
  legalBasis: "พระราชบัญญัติทดสอบ พ.ศ. 2568\nระเบียบทดสอบ",
  conditionsTh: "ผู้ขอต้องมีภูมิลำเนาในเขต",
  conditionsEn: "",
  timeLimit: "5",
  dayKind: "business",
  infoGoThUrl: "",
  keywords: "หนังสือรับรอง, ใบรับรอง",
};

/** Uploads `json` as a file to the import route, the CSRF token first as the browser form sends it. */
async function importFile(client: OfficeClient, json: string) {
  const body = await multipartBody({ _csrf: client.csrf }, [
    { field: "file", filename: "service.json", bytes: Buffer.from(json), type: "application/json" },
  ]);
  return client.app.inject({
    method: "POST",
    url: `${client.prefix}/office/services/import`,
    payload: body.payload,
    headers: { ...body.headers, accept: "text/html", cookie: client.cookieHeader },
  });
}

describe.each(testDialects())("the catalogue's admin pages on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  const audits = (action: string) =>
    service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "data"])
      .where("action", "=", action)
      .execute();
  beforeAll(async () => {
    service = await startTestService(dialect);
    await addOtherAgency(service, service.clock);
    admin = await signedInChief(service, service.clock, "catalog-admin@demo.go.th");
  });
  afterAll(() => service?.stop());

  it("CM-1: the list shows each service's state and version; a new service is a draft until published", async () => {
    const list = await admin.get("/office/services");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("food-shop-licence");
    expect(list.body).toContain("เผยแพร่แล้ว");
    const created = await admin.post("/office/services", { code: "test-certificate", ...MAIN });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe("/office/services/test-certificate");
    expect((await service.app.inject({ url: "/services/test-certificate" })).statusCode).toBe(404);
    const page = await admin.get("/office/services/test-certificate");
    expect(page.body).toContain("ร่าง (ยังไม่เผยแพร่)");
    expect((await admin.post("/office/services", { code: "test-certificate", ...MAIN })).statusCode).toBe(
      409,
    );
    const published = await admin.post("/office/services/test-certificate/publish");
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain("เผยแพร่ฉบับที่ 1 แล้ว");
    const publicPage = await service.app.inject({ url: "/services/test-certificate" });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain("ไม่ต้องใช้เอกสาร"); // CM-2: "no documents" said
    expect(publicPage.body).toContain("ไม่มีค่าธรรมเนียม");
    expect((await audits("service.published")).map((a) => JSON.parse(a.data).code)).toContain(
      "test-certificate",
    );
    // Nothing to publish twice.
    expect((await admin.post("/office/services/test-certificate/publish")).statusCode).toBe(409);
  });

  it("CM-1, CM-3: publishing the edited draft is a new version; the earlier version stays as it was", async () => {
    const before = await findCurrentVersion(service.handle.db, "demo", "food-shop-licence");
    const edit = await admin.get("/office/services/food-shop-licence/edit");
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain("&quot;format&quot;: &quot;borikan.service/1&quot;");
    const saved = await admin.post("/office/services/food-shop-licence/draft", {
      ...MAIN,
      nameTh: "ใบอนุญาตร้านอาหาร (ฉบับแก้ไข)",
      legalBasis: "พระราชบัญญัติการสาธารณสุข พ.ศ. 2535 มาตรา 38 และมาตรา 56",
    });
    expect(saved.statusCode).toBe(200);
    // Not public until published.
    expect((await service.app.inject({ url: "/services/food-shop-licence" })).body).not.toContain("ฉบับแก้ไข");
    expect((await admin.post("/office/services/food-shop-licence/publish")).statusCode).toBe(200);
    const now = await findCurrentVersion(service.handle.db, "demo", "food-shop-licence");
    expect(now?.version).toBe(2);
    expect(now?.definition.name.th).toBe("ใบอนุญาตร้านอาหาร (ฉบับแก้ไข)");
    expect(now?.definition.documents).toEqual(before?.definition.documents);
    expect(now?.definition.legalBasis[0]?.en).toBe("Public Health Act B.E. 2535 (1992), sections 38 and 56");
    const row = await findService(service.handle.db, "demo", "food-shop-licence");
    const versions = await listServiceVersions(service.handle.db, row!.id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.definition).toEqual(before?.definition);
    expect(versions[1]?.definitionSha256).toBe(before?.definitionSha256);
    const old = await admin.get("/office/services/food-shop-licence/versions/1");
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain("การขออนุญาตจัดตั้งสถานที่จำหน่ายอาหาร");
    expect(old.body).not.toContain("/apply");
    expect((await admin.get("/office/services/food-shop-licence/versions/9")).statusCode).toBe(404);
    expect((await admin.get("/office/services/food-shop-licence")).body).toContain("/versions/2");
  });

  it("CM-1, ID-1: an invalid draft is refused with its rule and path (4xx), and nothing is saved", async () => {
    const broken = { ...TEST_SERVICE, code: "social-security-s39", fees: [], noFee: false };
    const refused = await admin.post("/office/services/social-security-s39/draft/json", {
      json: JSON.stringify(broken),
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("/fees");
    expect(refused.body).toContain("CM-1: ไม่มีรายการค่าธรรมเนียม");
    const risky = structuredClone(TEST_SERVICE);
    risky.code = "social-security-s39";
    risky.risk.impacts.finance = "high";
    const riskRefused = await admin.post("/office/services/social-security-s39/draft/json", {
      json: JSON.stringify(risky),
    });
    expect(riskRefused.statusCode).toBe(422);
    expect(riskRefused.body).toContain("ID-1");
    const mismatch = await admin.post("/office/services/social-security-s39/draft/json", {
      json: JSON.stringify(TEST_SERVICE),
    });
    expect(mismatch.statusCode).toBe(422);
    const notJson = await admin.post("/office/services/social-security-s39/draft/json", { json: "{oops" });
    expect(notJson.statusCode).toBe(422);
    expect(notJson.body).toContain("ไม่ใช่ไฟล์ JSON");
    const blank = await admin.post("/office/services/social-security-s39/draft", {
      ...MAIN,
      conditionsTh: " ",
    });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain("/conditions/th");
    const row = await findService(service.handle.db, "demo", "social-security-s39");
    expect(row?.draft).toBeNull();
    const badCode = await admin.post("/office/services", { code: "Bad Code", ...MAIN });
    expect(badCode.statusCode).toBe(400);
    const badFile = await importFile(
      admin,
      JSON.stringify({
        ...TEST_SERVICE,
        form: { schema: { type: "objekt" }, ui: { pages: [], fields: {} } },
      }),
    );
    expect(badFile.statusCode).toBe(422);
    expect(badFile.body).toContain("/form/schema");
  });

  it("CM-1: a service exported from one agency imports into another as a draft, and publishes there unchanged", async () => {
    const exported = await admin.get("/office/services/social-security-s39/export.json");
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-disposition"]).toContain("social-security-s39.json");
    const { client: other } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "other",
      "admin@other.go.th",
      ["admin"],
      "/a/other",
    );
    await other.get("/office/services");
    const imported = await importFile(other, exported.body);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain("นำเข้าเป็นร่างของบริการ social-security-s39 แล้ว");
    expect((await service.app.inject({ url: "/a/other/services/social-security-s39" })).statusCode).toBe(404);
    expect((await other.post("/office/services/social-security-s39/publish")).statusCode).toBe(200);
    const theirs = await findCurrentVersion(service.handle.db, "other", "social-security-s39");
    const ours = await findCurrentVersion(service.handle.db, "demo", "social-security-s39");
    expect(theirs?.definition).toEqual(ours?.definition);
    expect(theirs?.definitionSha256).toBe(ours?.definitionSha256);
    expect((await service.app.inject({ url: "/a/other/services/social-security-s39" })).statusCode).toBe(200);
    // Pasted JSON works too, and a code the agency has becomes that service's new draft.
    await other.get("/office/services");
    const pasted = await other.post("/office/services/import", { json: exported.body });
    expect(pasted.statusCode).toBe(200);
    expect((await findService(service.handle.db, "other", "social-security-s39"))?.draft).not.toBeNull();
    // Another agency's admin sees none of the demo agency's services.
    expect((await other.get("/office/services/food-shop-licence")).statusCode).toBe(404);
    expect((await other.get("/office/services/food-shop-licence/export.json")).statusCode).toBe(404);
    expect((await other.post("/office/services/food-shop-licence/retire")).statusCode).toBe(404);
    expect(await findCurrentVersion(service.handle.db, "demo", "food-shop-licence")).toBeDefined();
  });

  it("only an agency admin edits the catalogue: officers are refused, another agency's session too", async () => {
    const { client: officer } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "officer@demo.go.th",
      ["saraban_officer"],
    );
    expect((await officer.get("/office/services")).statusCode).toBe(403);
    expect((await officer.get("/office/services/food-shop-licence/export.json")).statusCode).toBe(403);
    await officer.get("/office/register");
    expect((await officer.post("/office/services/food-shop-licence/retire")).statusCode).toBe(403);
    expect((await service.app.inject({ url: "/office/services" })).statusCode).toBeLessThan(500);
    expect(
      (await service.app.inject({ url: "/office/services", headers: { accept: "text/html" } })).statusCode,
    ).toBe(303);
    // The demo admin's session does not open the other agency's pages.
    const cross = await service.app.inject({
      url: "/a/other/office/services",
      headers: { accept: "text/html", cookie: admin.cookieHeader },
    });
    expect([303, 401, 403]).toContain(cross.statusCode);
    expect(await findCurrentVersion(service.handle.db, "demo", "food-shop-licence")).toBeDefined();
  });

  it("CM-1: retiring takes no new applications: the page and exports say so; it is audited", async () => {
    const retired = await admin.post("/office/services/test-certificate/retire");
    expect(retired.statusCode).toBe(200);
    expect(retired.body).toContain("ยกเลิกแล้ว");
    expect((await admin.post("/office/services/test-certificate/retire")).statusCode).toBe(409);
    expect((await service.app.inject({ url: "/services/test-certificate" })).statusCode).toBe(404);
    expect((await admin.get("/office/services/test-certificate/export.json")).statusCode).toBe(200);
    const rows = await audits("service.retired");
    expect(rows.map((r) => JSON.parse(r.data).code)).toContain("test-certificate");
    expect(rows[0]?.actor).toMatch(/^staff:/);
  });
});
