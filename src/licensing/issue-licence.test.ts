import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence, LICENSING_OFFICER, paidMatter } from "../../test/licensing.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { t } from "../platform/i18n/index.js";
import { verifyPdfSignatures } from "../platform/pdf/index.js";
import { findMatter, listMatterActions } from "../register/index.js";
import { issueLicence } from "./issue-licence.js";
import { verificationUrl } from "./licence.js";
import { listMatterLicences } from "./licences.repo.js";

// Monday 7 December 2026, 10:00 Bangkok: Buddhist-era year 2569.
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("issuing a licence on %s", (dialect) => {
  let service: TestService;
  const signer = testDocumentSigner();
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = signer;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-1, LC-2: a paid application's licence is numbered, signed, stored and on the matter's timeline together", async () => {
    const { application, licence } = await issuedLicence(service, clock);
    expect(licence.number).toMatch(/^ทส\. \d+\/2569$/);
    expect(licence.status).toBe("issued");
    expect(licence.validFrom).toBe("2026-12-07");
    expect(licence.validUntil).toBe("2027-12-06");
    expect(licence.fields.find((f) => f.key === "shop-name")?.value).toBeTruthy();
    expect(licence.fields.find((f) => f.key === "opened-on")?.value).toBe("-");
    const matter = await findMatter(service.handle.db, "demo", application.matterId);
    expect(matter?.status).toBe("issuing");
    const actions = (await listMatterActions(service.handle.db, application.matterId)).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(["start-issuing", "issue-licence"]);
    const pdf = await service.files.read(licence.pdfKey);
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    const [signature] = report.outcome === "signed" ? report.signatures : [];
    expect(signature?.integrity).toBe("valid");
  });

  it("LC-3: the verification link names the agency's own origin, the number and the stored code", async () => {
    const { licence } = await issuedLicence(service, clock);
    const url = new URL(verificationUrl("http://borikan.test", licence));
    expect(url.host).toBe("borikan.test");
    expect(decodeURIComponent(url.pathname)).toBe(`/verify/${licence.number}`);
    expect(url.searchParams.get("c")).toBe(licence.verificationCode);
  });

  it("LC-1: numbers run gaplessly per service and year, however many are issued at once", async () => {
    const paid: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { application, notice } = await matterAwaitingPayment(service, clock);
      await paidMatter(service, clock, notice);
      paid.push(application.matterId);
    }
    const issued = await Promise.all(
      paid.map((matterId) =>
        issueLicence(service.licensing, {
          agencyId: "demo",
          matterId,
          actor: LICENSING_OFFICER,
          at: clock.now(),
        }),
      ),
    );
    const rows = await service.handle.db
      .selectFrom("licences")
      .select("sequence")
      .where("agency_id", "=", "demo")
      .execute();
    const sequences = rows.map((r) => Number(r.sequence)).sort((a, b) => a - b);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
    expect(new Set(issued.map((l) => l.number)).size).toBe(issued.length);
  });

  it("LC-1: a second issue for the same matter is refused, and a matter not yet paid gets none", async () => {
    const { application, licence } = await issuedLicence(service, clock);
    await expect(
      issueLicence(service.licensing, {
        agencyId: "demo",
        matterId: application.matterId,
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: "LICENCE_ALREADY_ISSUED", params: { number: licence.number } });
    const unpaid = await matterAwaitingPayment(service, clock);
    await expect(
      issueLicence(service.licensing, {
        agencyId: "demo",
        matterId: unpaid.application.matterId,
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: "LICENCE_NOT_ISSUABLE" });
    const before = await service.handle.db.selectFrom("licence_counters").selectAll().execute();
    expect(before.length).toBeGreaterThan(0);
  });

  it("LC-1: a template line the application lacks stops the issuing with a clear message; no number, row or action is left", async () => {
    // A later version whose licence needs the opening date, which the test application leaves out.
    const template = TEST_SERVICE.licence!;
    const fields = template.fields.map((f) => (f.key === "opened-on" ? { ...f, optional: false } : f));
    await publishTestService(service, { ...TEST_SERVICE, licence: { ...template, fields } });
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await paidMatter(service, clock, notice);
    const db = service.handle.db;
    const counters = await db.selectFrom("licence_counters").selectAll().orderBy("series").execute();
    const actions = await listMatterActions(db, application.matterId);
    const issue = issueLicence(service.licensing, {
      agencyId: "demo",
      matterId: application.matterId,
      actor: LICENSING_OFFICER,
      at: clock.now(),
    });
    await expect(issue).rejects.toMatchObject({
      code: "LICENCE_FIELD_MISSING",
      params: { field: "วันที่เปิดร้าน" },
    });
    expect(t("th", "error.LICENCE_FIELD_MISSING", { field: "วันที่เปิดร้าน" })).toContain("วันที่เปิดร้าน");
    expect(await listMatterLicences(db, application.matterId)).toEqual([]);
    expect(await db.selectFrom("licence_counters").selectAll().orderBy("series").execute()).toEqual(counters);
    expect(await listMatterActions(db, application.matterId)).toEqual(actions);
    expect((await findMatter(db, "demo", application.matterId))?.status).toBe("paid");
  });
});
