import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { addOtherAgency } from "../../test/factories.js";
import { makePdf } from "../../test/images.js";
import { LICENSING_OFFICER, paidMatter } from "../../test/licensing.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency, saveAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, listMatterActions } from "../register/index.js";
import { issueDueLicences } from "./issue-due-licences.js";
import { issueLicence } from "./issue-licence.js";
import { findLicence, listMatterLicences } from "./licences.repo.js";
import { awaitingScan } from "./record-licence-scan.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const template = TEST_SERVICE.licence!;

async function paid(service: TestService): Promise<string> {
  const { application, notice } = await matterAwaitingPayment(service, clock);
  await paidMatter(service, clock, notice);
  return application.matterId;
}

async function setOrigin(service: TestService, origin: string | null) {
  const agency = (await findAgency(service.handle.db, "demo"))!;
  await saveAgency(service.handle.db, { ...agency, licenceOrigin: origin }, clock.now().toISOString());
}

describe.each(testDialects())("issuing licences on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  let outsider: OfficeClient;
  const logs: string[] = [];
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = testDocumentSigner();
    service.licensing.log = (msg) => logs.push(msg);
    await addOtherAgency(service, clock);
    admin = (await signedInOfficer(service.app, service.handle, clock, "demo", "iss@demo.go.th", ["admin"]))
      .client;
    outsider = (
      await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "other",
        "adm@other.go.th",
        ["admin"],
        "/a/other",
      )
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-1, LC-2, SC-2: the panel offers Issue licence; issuing needs CSRF and a fresh step-up; the PDF read is audited", async () => {
    const matterId = await paid(service);
    const page = `/office/matters/${matterId}`;
    const shown = await admin.get(page);
    expect(shown.body).toContain('data-testid="licence-panel"');
    expect(shown.body).toContain('data-testid="licence-issue"');
    const notStepped = await admin.post(`${page}/licence/issue`);
    expect(notStepped.statusCode).toBe(303);
    expect(String(notStepped.headers.location)).toContain("/office/step-up");
    await stepUp(admin, clock);
    await admin.get(page);
    expect((await admin.post(`${page}/licence/issue`, {}, { csrf: "forged" })).statusCode).toBe(403);
    expect(await listMatterLicences(service.handle.db, matterId)).toHaveLength(0);
    await stepUp(outsider, clock);
    await outsider.get("/office/work");
    expect((await outsider.post(`${page}/licence/issue`)).statusCode).toBe(404);
    const issued = await admin.post(`${page}/licence/issue`);
    expect(issued.statusCode).toBe(303);
    const [licence] = await listMatterLicences(service.handle.db, matterId);
    expect(licence).toMatchObject({ status: "issued", origin: "signed", edition: 1 });
    expect((await admin.post(`${page}/licence/issue`)).statusCode).toBe(409);
    const after = await admin.get(page);
    expect(after.body).toContain(licence!.number);
    expect(after.body).toContain(`/office/licences/${licence!.id}/pdf`);
    const pdf = await admin.get(`/office/licences/${licence!.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await outsider.get(`/office/licences/${licence!.id}/pdf`)).statusCode).toBe(404);
    const read = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "licence.read-pdf")
      .where("subject_id", "=", licence!.id)
      .execute();
    expect(read).toHaveLength(1);
    expect(read[0]!.actor).toMatch(/^staff:/);
  });

  it("LC-3: without an origin or a signer the panel says why and offers no Issue button", async () => {
    const matterId = await paid(service);
    const page = `/office/matters/${matterId}`;
    const before = (await findAgency(service.handle.db, "demo"))!.licenceOrigin;
    await setOrigin(service, null);
    const signer = service.licensing.documentSigner;
    service.licensing.documentSigner = undefined;
    try {
      const shown = await admin.get(page);
      expect(shown.body).toContain('data-blocker="LICENCE_ORIGIN_NOT_SET"');
      expect(shown.body).toContain('data-blocker="LICENCE_SIGNER_NOT_SET"');
      expect(shown.body).toContain('href="/office/licences/settings"');
      expect(shown.body).not.toContain('data-testid="licence-issue"');
    } finally {
      service.licensing.documentSigner = signer;
      await setOrigin(service, before);
    }
  });

  it("LC-1, LC-2: the worker issues automatic licences once each, even with two sweeps at once", async () => {
    await publishTestService(service, { ...TEST_SERVICE, licence: { ...template, issue: "automatic" } });
    const matters = [await paid(service), await paid(service), await paid(service)];
    const [a, b] = await Promise.all([
      issueDueLicences(service.licensing, clock.now(), 500),
      issueDueLicences(service.licensing, clock.now(), 500),
    ]);
    expect(a.issued + b.issued).toBe(3);
    for (const matterId of matters) {
      const licences = await listMatterLicences(service.handle.db, matterId);
      expect(licences).toHaveLength(1);
      expect(licences[0]!.issuedBy).toBe("system:licensing");
      expect((await findMatter(service.handle.db, "demo", matterId))?.status).toBe("issuing");
    }
    const numbers = await service.handle.db.selectFrom("licences").select("sequence").execute();
    const sequences = numbers.map((r) => Number(r.sequence)).sort((x, y) => x - y);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it("LC-2: an automatic issue that fails is noted on the panel and logged once, then issued when it can be", async () => {
    const matterId = await paid(service);
    const signer = service.licensing.documentSigner;
    service.licensing.documentSigner = undefined;
    logs.length = 0;
    try {
      await issueDueLicences(service.licensing, clock.now(), 500);
      await issueDueLicences(service.licensing, clock.now(), 500);
    } finally {
      service.licensing.documentSigner = signer;
    }
    expect(logs.filter((m) => m.includes(matterId))).toHaveLength(1);
    expect(await listMatterLicences(service.handle.db, matterId)).toHaveLength(0);
    const shown = await admin.get(`/office/matters/${matterId}`);
    expect(shown.body).toContain('data-testid="licence-auto-failure"');
    await issueDueLicences(service.licensing, clock.now(), 500);
    expect(await listMatterLicences(service.handle.db, matterId)).toHaveLength(1);
    expect((await admin.get(`/office/matters/${matterId}`)).body).not.toContain("licence-auto-failure");
  });

  it("LC-1, RG-6: a paper licence awaits its signed scan; a scan of another page count is refused; the right one is recorded", async () => {
    await publishTestService(service, { ...TEST_SERVICE, licence: { ...template, issue: "paper" } });
    const matterId = await paid(service);
    const licence = await issueLicence(service.licensing, {
      agencyId: "demo",
      matterId,
      actor: LICENSING_OFFICER,
      at: clock.now(),
    });
    expect(awaitingScan(licence)).toBe(true);
    const page = `/office/matters/${matterId}`;
    const shown = await admin.get(page);
    expect(shown.body).toContain('data-awaiting-scan="1"');
    expect(shown.body).toContain('data-testid="licence-scan"');
    await stepUp(admin, clock);
    await admin.get(page);
    const send = async (fields: Record<string, string>, bytes: Uint8Array, client = admin) => {
      const body = await multipartBody({ _csrf: client.csrf, ...fields }, [
        { field: "scan", filename: "scan.pdf", bytes },
      ]);
      return client.app.inject({
        method: "POST",
        url: `${client.prefix}/office/licences/${licence.id}/scan`,
        payload: body.payload,
        headers: { ...body.headers, accept: "text/html", cookie: client.cookieHeader },
      });
    };
    const onePage = await makePdf([{ scan: [40, 60] }]);
    const twoPages = await makePdf([{ scan: [40, 60] }, { scan: [40, 60] }]);
    expect((await send({ device: "Canon DR-C225", printedPages: "2" }, twoPages)).statusCode).toBe(422);
    expect((await send({ device: "Canon DR-C225", printedPages: "1" }, twoPages)).statusCode).toBe(422);
    expect((await send({ device: "", printedPages: "1" }, onePage)).statusCode).toBe(400);
    expect(
      (await send({ device: "x", printedPages: "1" }, new TextEncoder().encode("not a pdf"))).statusCode,
    ).toBe(400);
    await outsider.get("/office/work");
    expect((await send({ device: "x", printedPages: "1" }, onePage, outsider)).statusCode).toBe(404);
    expect(awaitingScan((await findLicence(service.handle.db, "demo", licence.id))!)).toBe(true);
    const recorded = await send({ device: "Canon DR-C225", printedPages: "1" }, onePage);
    expect(recorded.statusCode).toBe(303);
    const after = (await findLicence(service.handle.db, "demo", licence.id))!;
    expect(awaitingScan(after)).toBe(false);
    expect(after.scannedBy).toMatch(/^staff:/);
    expect(after.pdfKey).not.toBe(licence.pdfKey);
    expect(Buffer.from(await service.files.read(after.pdfKey)).equals(Buffer.from(onePage))).toBe(true);
    const actions = await listMatterActions(service.handle.db, matterId);
    expect(actions.at(-1)?.action).toBe("record-licence-scan");
    const events = await service.handle.db
      .selectFrom("licence_events")
      .selectAll()
      .where("licence_id", "=", licence.id)
      .where("action", "=", "record-scan")
      .execute();
    expect(JSON.parse(events[0]!.data!)).toMatchObject({
      device: "Canon DR-C225",
      printedPages: 1,
      scanPages: 1,
    });
    expect((await send({ device: "again", printedPages: "1" }, onePage)).statusCode).toBe(409);
  });
});
