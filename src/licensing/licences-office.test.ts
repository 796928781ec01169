import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { addOtherAgency } from "../../test/factories.js";
import { issuedLicence } from "../../test/licensing.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { findLicence, findLicenceByCode } from "./licences.repo.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the officers' licence pages on %s", (dialect) => {
  let service: TestService;
  let approver: OfficeClient;
  let approverId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await addOtherAgency(service, clock);
    service.licensing.documentSigner = testDocumentSigner();
    // An approver of the permits unit, where the test applications are routed.
    const signedIn = await unitOfficer(service, clock, "appr.lic@demo.go.th", ["approver"]);
    approver = signedIn.client;
    approverId = signedIn.staff.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-1: the list finds licences by number or holder and by status; the page shows everything printed and the events", async () => {
    const { licence } = await issuedLicence(service, clock);
    const list = await approver.get(`/office/licences?q=${encodeURIComponent(licence.number)}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/office/licences/${licence.id}`);
    expect(list.body).toContain("พบ 1 ฉบับ");
    const byHolder = await approver.get(`/office/licences?q=${encodeURIComponent(licence.holderName)}`);
    expect(byHolder.body).toContain(`/office/licences/${licence.id}`);
    const revokedOnly = await approver.get("/office/licences?status=revoked");
    expect(revokedOnly.body).not.toContain(`/office/licences/${licence.id}`);
    expect((await approver.get("/office/licences?status=nope")).statusCode).toBe(400);
    expect((await approver.get("/office/licences?page=0")).statusCode).toBe(400);
    const page = await approver.get(`/office/licences/${licence.id}`);
    expect(page.statusCode).toBe(200);
    for (const field of licence.fields) expect(page.body).toContain(field.label.th);
    expect(page.body).toContain('class="table-wrap" tabindex="0"');
    expect(page.body).toContain("ออกใบอนุญาต");
    for (const act of ["amend", "renew", "suspend", "revoke"])
      expect(page.body).toContain(`/office/licences/${licence.id}/${act}"`);
    expect(page.body).not.toContain(`/office/licences/${licence.id}/reinstate"`);
    expect(page.body).toContain('name="_csrf"');
    // A finance officer takes no part in casework.
    const { client: finance } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "fin.lic@demo.go.th",
      ["finance_officer"],
    );
    expect((await finance.get("/office/licences")).statusCode).toBe(403);
    expect((await finance.get(`/office/licences/${licence.id}`)).statusCode).toBe(403);
  });

  it("LC-3, SC-2: suspending needs a fresh step-up, the CSRF token and a reason; it shows at once and is audited by id", async () => {
    const { licence } = await issuedLicence(service, clock);
    const url = `/office/licences/${licence.id}`;
    await approver.get(url);
    const notStepped = await approver.post(`${url}/suspend`, { reason: "ตรวจพบการฝ่าฝืน" });
    expect(notStepped.statusCode).toBe(303);
    expect(String(notStepped.headers.location)).toContain("/office/step-up");
    await stepUp(approver, clock);
    await approver.get(url);
    expect((await approver.post(`${url}/suspend`, { reason: "x" }, { csrf: "forged" })).statusCode).toBe(403);
    expect((await approver.post(`${url}/suspend`, { reason: "  " })).statusCode).toBe(400);
    expect((await approver.post(`${url}/suspend`, { reason: "x", expectedVersion: "99" })).statusCode).toBe(
      409,
    );
    expect((await findLicence(service.handle.db, "demo", licence.id))?.status).toBe("issued");
    const done = await approver.post(`${url}/suspend`, { reason: "ตรวจพบการฝ่าฝืน" });
    expect(done.statusCode).toBe(303);
    expect(
      await findLicenceByCode(service.handle.db, "demo", licence.number, licence.verificationCode),
    ).toMatchObject({ status: "suspended", statusReason: "ตรวจพบการฝ่าฝืน" });
    const page = await approver.get(url);
    expect(page.body).toContain("พักใช้: ตรวจพบการฝ่าฝืน");
    expect(page.body).toContain("appr.lic");
    expect(page.body).toContain(`${url}/reinstate"`);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "licence.suspend")
      .where("subject_id", "=", licence.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(`staff:${approverId}`);
    expect(JSON.stringify(audit[0])).not.toContain("appr.lic");
    expect((await approver.post(`${url}/unknown`, { reason: "x" })).statusCode).toBe(404);
  });

  it("LC-1, LC-3: the amend form makes the next edition and links the two; a revoked licence is not amended", async () => {
    const { licence } = await issuedLicence(service, clock);
    const url = `/office/licences/${licence.id}`;
    await stepUp(approver, clock);
    await approver.get(url);
    const form: Record<string, string> = {
      reason: "เปลี่ยนชื่อร้านตามคำขอ",
      expectedVersion: String(licence.version),
    };
    for (const f of licence.fields) form[`field.${f.key}`] = f.key === "shop-name" ? "ร้านใหม่ใจดี" : f.value;
    form.conditions = licence.conditions.map((c) => c.th).join("\n");
    form.validUntil = "";
    const amended = await approver.post(`${url}/amend`, form);
    expect(amended.statusCode).toBe(303);
    const next = String(amended.headers.location);
    expect(next).toMatch(/\/office\/licences\/[0-9a-f-]{36}$/);
    const nextPage = await approver.get(next);
    expect(nextPage.body).toContain("ร้านใหม่ใจดี");
    expect(nextPage.body).toContain("ฉบับที่ 2");
    expect(nextPage.body).toContain(`href="${url}"`);
    const oldPage = await approver.get(url);
    expect(oldPage.body).toContain("ถูกแทนที่ด้วยฉบับใหม่");
    expect(oldPage.body).toContain(`href="${next}"`);
    expect(oldPage.body).toContain("ไม่มีการดำเนินการที่ท่านทำได้");
    // Revoke the new edition; then its amendment is refused with a clear message, and nothing is written.
    await approver.get(next);
    expect((await approver.post(`${next}/revoke`, { reason: "ฝ่าฝืนเงื่อนไข" })).statusCode).toBe(303);
    const count = async () => (await service.handle.db.selectFrom("licences").select("id").execute()).length;
    const before = await count();
    const refused = await approver.post(`${next}/amend`, { ...form, expectedVersion: "" });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("revoked");
    expect(await count()).toBe(before);
  });

  it("SC-2: another agency's officer finds no licence of the demo agency", async () => {
    const { licence } = await issuedLicence(service, clock);
    const { client: other } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "other",
      "admin@other.go.th",
      ["admin"],
      "/a/other",
    );
    expect((await other.get(`/office/licences/${licence.id}`)).statusCode).toBe(404);
    // An approver of another unit of the same agency: the licence is not theirs either.
    const { client: elsewhere } = await unitOfficer(
      service,
      clock,
      "appr.other@demo.go.th",
      ["approver"],
      "saraban",
    );
    expect((await elsewhere.get(`/office/licences/${licence.id}`)).statusCode).toBe(404);
    expect((await elsewhere.get("/office/licences")).body).not.toContain(licence.id);
    const list = await other.get("/office/licences");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(licence.id);
    await stepUp(other, clock);
    await other.get("/office/licences");
    expect((await other.post(`/office/licences/${licence.id}/revoke`, { reason: "x" })).statusCode).toBe(404);
    expect((await findLicence(service.handle.db, "demo", licence.id))?.status).toBe("issued");
  });
});
