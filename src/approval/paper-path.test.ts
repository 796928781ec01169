import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, stepUp } from "../../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter, listMatterActions, recordAction } from "../register/index.js";
import { renderApprovalSheet } from "./approval-sheet-pdf.js";
import { setApprovalChain } from "./index.js";

// Monday 23 November 2026, 10:00 Bangkok.
const clock = fixedClock("2026-11-23T03:00:00.000Z");

describe.each(testDialects())("the paper path on %s", (dialect) => {
  let service: TestService;
  let clerk: { client: OfficeClient; id: string };
  let approverId: string;
  let matterId: string;
  let receiptNumber: string;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const c = await unitOfficer(service, clock, "clerk@demo.go.th", ["reviewer"]);
    clerk = { client: c.client, id: c.staff.id };
    await stepUp(c.client, clock); // WS-3: recording a decision needs a fresh password + code
    approverId = (await unitOfficer(service, clock, "signer@demo.go.th", ["approver"])).staff.id;
    // Five levels: a sheet of more than one page, so that a scan can miss one.
    await setApprovalChain(
      service.handle,
      {
        agencyId: "demo",
        serviceCode: TEST_SERVICE.code,
        levels: [1, 2, 3, 4, 5].map((n) => ({
          role: n === 5 ? "head_of_agency" : "approver",
          unitId: null,
          label_th: `ผู้พิจารณาลำดับ ${n}`,
          label_en: `Level ${n}`,
        })),
      },
      { staffId: clerk.id, at: clock.now() },
    );
    const submitted = await submitTestApplication(service);
    matterId = submitted.matterId;
    receiptNumber = submitted.receiptNumber;
    await routeMatter(service, clock, matterId);
    for (const action of ["start-review", "submit-for-approval"] as const)
      await recordAction(service.handle, {
        agencyId: "demo",
        subject: { matterId },
        action,
        payload: {},
        actor: { kind: "staff", staffId: clerk.id, roles: ["reviewer"] },
        at: clock.now(),
      });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const sheetUrl = () => `/office/matters/${matterId}/approval/sheet.pdf`;
  const version = async () => (await findMatter(service.handle.db, "demo", matterId))!.version;
  const upload = async (
    fields: Record<string, string>,
    scan?: { bytes: Uint8Array; filename: string; type: string },
  ) => {
    const body = await multipartBody(
      { _csrf: clerk.client.csrf, ...fields },
      scan ? [{ field: "scan", ...scan }] : [],
    );
    return service.app.inject({
      method: "POST",
      url: `/office/matters/${matterId}/approval/paper`,
      payload: body.payload,
      headers: { ...body.headers, accept: "application/json", cookie: clerk.client.cookieHeader },
    });
  };

  it.skipIf(!HAVE_PDFTOTEXT)(
    "AP-1, RG-6: the approval sheet names the receipt, the applicant, the service and each level with a line to sign",
    async () => {
      const res = await clerk.client.get(sheetUrl());
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/pdf");
      const text = normaliseThai(pdfText(res.rawPayload));
      for (const expected of [
        receiptNumber,
        "ใบเสนอพิจารณา",
        "สมหญิง รักดี",
        TEST_SERVICE.name.th,
        "ผู้พิจารณาลำดับ 5",
        "ลงชื่อ",
      ])
        expect(text).toContain(normaliseThai(expected));
      // Name only: the applicant's ID number is not on the sheet.
      expect(text).not.toContain("1101700230708");
    },
  );

  // #18 pdfpool
  it("AP-1, RG-6: the sheet served, drawn in the service's thread pool, is the sheet drawn inline from the same matter", async () => {
    expect(service.payment.threads?.threads).toBeGreaterThan(0);
    const served = (await clerk.client.get(sheetUrl())).rawPayload;
    const matter = (await findMatter(service.handle.db, "demo", matterId))!;
    expect(served.equals(await renderApprovalSheet(service.handle.db, matter))).toBe(true);
  });

  it("RG-6: a scan with fewer pages than the sheet is refused; the signed scan records who scanned it, on what, and both page counts", async () => {
    const sheet = (await clerk.client.get(sheetUrl())).rawPayload;
    const sheetPages = (await PDFDocument.load(sheet)).getPageCount();
    const decision = { decider: approverId, decision: "approve", scanDevice: "Fujitsu fi-7160 ห้อง 2" };
    const missing = await upload(
      { ...decision, expectedVersion: String(await version()) },
      { bytes: sheet, filename: "signed.pdf", type: "application/pdf" },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toMatchObject({ field: "completenessChecked" });

    // A scan that lost a page: built by copying all but the last page (or a blank page short of one).
    const short = await PDFDocument.create();
    const original = await PDFDocument.load(sheet);
    for (const page of await short.copyPages(original, [...Array(sheetPages - 1).keys()]))
      short.addPage(page);
    expect(sheetPages).toBeGreaterThan(1);
    const shortBytes = await short.save();
    {
      const refused = await upload(
        { ...decision, completenessChecked: "yes", expectedVersion: String(await version()) },
        { bytes: shortBytes, filename: "signed.pdf", type: "application/pdf" },
      );
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe("APPROVAL_SCAN_INCOMPLETE");
    }

    const done = await upload(
      { ...decision, completenessChecked: "yes", expectedVersion: String(await version()) },
      { bytes: sheet, filename: "signed.pdf", type: "application/pdf" },
    );
    // An API client is answered with what was done.
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ action: "approve-level", letterId: null });
    const matter = (await findMatter(service.handle.db, "demo", matterId))!;
    expect(matter.status).toBe("awaiting_approval");
    const row = await service.handle.db
      .selectFrom("approval_decisions")
      .selectAll()
      .where("matter_id", "=", matterId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      decision: "approve",
      decided_by: `staff:${approverId}`,
      recorded_by: `staff:${clerk.id}`,
      scanned_by: `staff:${clerk.id}`,
      scan_device: "Fujitsu fi-7160 ห้อง 2",
      sheet_pages: sheetPages,
      scan_pages: sheetPages,
      evidence_media_type: "application/pdf",
    });
    expect(row.evidence_attachment).toBeTruthy();
    expect((await service.files.read(row.evidence_attachment!)).equals(sheet)).toBe(true);
    const approve = (await listMatterActions(service.handle.db, matterId)).find(
      (a) => a.action === "approve-level",
    )!;
    expect(approve.actor).toBe(`staff:${approverId}`);
    expect(approve.payload).toMatchObject({ paper: true, recordedBy: clerk.id });
  });
});
