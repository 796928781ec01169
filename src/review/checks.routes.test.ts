import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import type { OfficeClient } from "../../test/office.js";
import { submitCompanyApplication } from "../../test/review.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { makeRootCa, makeSignedPdf, makeSigner, type TestCertificate } from "../../test/signed-pdf.js";
import { findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { isPdfSignatureVerifierAvailable } from "../platform/pdf/index.js";
import { findMatter, recordAction } from "../register/index.js";
import type { Staff } from "../staff/index.js";
import { listChecks, listCurrentChecks, reviewPanel } from "./index.js";

const NOW = "2026-12-08T03:00:00.000Z"; // Tuesday 10:00 in Bangkok
const HAVE_PDFSIG = await isPdfSignatureVerifierAvailable();
if (!HAVE_PDFSIG && process.env.CI === "true") throw new Error("CI=true but pdfsig or certutil is missing");
const WIDE = { notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2040-01-01T00:00:00Z") };

describe.each(testDialects())("an application's checks against the manual on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let reviewer: { client: OfficeClient; staff: Staff };
  let stranger: OfficeClient;
  let strangerStaff: Staff;
  let approver: OfficeClient;
  let root: TestCertificate;
  let signer: TestCertificate;
  let app: Awaited<ReturnType<typeof submitCompanyApplication>>;

  const matterVersion = async () =>
    (
      await service.handle.db
        .selectFrom("matters")
        .select("version")
        .where("id", "=", app.matterId)
        .executeTakeFirstOrThrow()
    ).version;
  const url = (path = "") => `/office/matters/${app.matterId}/review${path}`;
  const check = async (client: OfficeClient, form: Record<string, string>) =>
    client.post(url("/checks"), { version: String(await matterVersion()), note: "", ...form });

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    root = makeRootCa("Borikan Test Root CA", WIDE);
    signer = makeSigner(root, "สมชาย ใจดี", WIDE);
    const pdf = await makeSignedPdf(signer, [root], { signingTime: new Date(NOW) });
    app = await submitCompanyApplication(service, pdf);
    await routeMatter(service, clock, app.matterId, "permits");
    reviewer = await unitOfficer(service, clock, "reviewer@demo.go.th", ["reviewer"], "permits");
    const s = await unitOfficer(service, clock, "stranger@demo.go.th", ["reviewer"], "saraban");
    stranger = s.client;
    strangerStaff = s.staff;
    approver = (await unitOfficer(service, clock, "approver@demo.go.th", ["approver"], "permits")).client;
  }, 60_000);
  afterAll(async () => service?.stop());

  it("RV-4: before the review starts the checklist is shown read-only, with each submitted file", async () => {
    const page = await reviewer.client.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("data-readonly");
    // FM-5: a company's checklist: the ID card and the delegation, each with its file.
    expect(page.body).toContain('data-item="id-card"');
    expect(page.body).toContain('data-item="delegation"');
    expect(page.body).toContain(`/office/entries/${app.entryId}/files/${app.delegation}`);
    expect(page.body).not.toContain('<form method="post" action="/office/matters');
    // The table allows no check before the review starts.
    const early = await check(reviewer.client, { kind: "document", item: "id-card", outcome: "ok" });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("ACTION_NOT_ALLOWED");
  });

  it("RV-1, RV-4: in review, each item has its forms: the finding, the e-Stamp, the issuer's verification, the PDF's signatures", async () => {
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "start-review",
      payload: {},
      actor: { kind: "staff", staffId: reviewer.staff.id, roles: ["reviewer"] },
      at: clock.now(),
    });
    const page = await reviewer.client.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("data-readonly");
    for (const form of ["document", "delegation", "e-stamp", "issuer-verification", "signature"])
      expect(page.body).toContain(`data-form="${form}"`);
    // The e-Stamp reference given at submission is prefilled for verification.
    expect(page.body).toContain('value="ES-2569-000123"');
    // The PNG has no signature button; the PDF has one.
    expect(page.body.match(/data-form="signature"/g)).toHaveLength(1);
  });

  it("RV-4: a finding is a record-check on the timeline and a row, the latest per item current (listCurrentChecks)", async () => {
    const before = await matterVersion();
    const ok = await check(reviewer.client, { kind: "document", item: "id-card", outcome: "ok" });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/office/matters/${app.matterId}`);
    const bad = await check(reviewer.client, {
      kind: "delegation",
      item: "delegation",
      outcome: "defective",
      note: "ไม่ระบุขอบเขตการมอบอำนาจ",
    });
    expect(bad.statusCode).toBe(303);
    await check(reviewer.client, { kind: "document", item: "id-card", outcome: "missing", note: "ไม่ชัด" });
    expect(await matterVersion()).toBe(before + 3);

    const all = await listChecks(service.handle.db, app.matterId);
    expect(all.map((c) => [c.kind, c.itemId, c.outcome])).toEqual([
      ["document", "id-card", "ok"],
      ["delegation", "delegation", "defective"],
      ["document", "id-card", "missing"],
    ]);
    const current = await listCurrentChecks(service.handle.db, app.matterId);
    expect(current.map((c) => [c.kind, c.itemId, c.outcome, c.note])).toEqual([
      ["document", "id-card", "missing", "ไม่ชัด"],
      ["delegation", "delegation", "defective", "ไม่ระบุขอบเขตการมอบอำนาจ"],
    ]);
    const actions = await service.handle.db
      .selectFrom("matter_actions")
      .select(["id", "payload", "visibility"])
      .where("matter_id", "=", app.matterId)
      .where("action", "=", "record-check")
      .orderBy("version")
      .execute();
    expect(actions).toHaveLength(3);
    expect(actions.map((a) => JSON.parse(a.payload).checkId)).toEqual(all.map((c) => c.id));
    expect(all.map((c) => c.matterActionId)).toEqual(actions.map((a) => a.id));
    expect(actions.every((a) => a.visibility === "officers")).toBe(true);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "matter.record-check")
      .where("subject_id", "=", app.matterId)
      .execute();
    expect(audit).toHaveLength(3);
    // The note stays out of the audit row (personal data by id only).
    expect(audit.some((a) => a.data.includes("ไม่ชัด"))).toBe(false);
    const page = await reviewer.client.get(url());
    expect(page.body).toContain('data-outcome="missing"');
    expect(page.body).toContain("ไม่ระบุขอบเขตการมอบอำนาจ");
  });

  it("RV-4: a stale form or a double click records nothing (409 MATTER_CHANGED)", async () => {
    const stale = String((await matterVersion()) - 1);
    const rows = (await listChecks(service.handle.db, app.matterId)).length;
    const res = await reviewer.client.post(url("/checks"), {
      version: stale,
      kind: "document",
      item: "id-card",
      outcome: "ok",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("MATTER_CHANGED");
    const version = String(await matterVersion());
    const form = { version, kind: "document", item: "id-card", outcome: "ok" };
    const [first, second] = [
      await reviewer.client.post(url("/checks"), form),
      await reviewer.client.post(url("/checks"), form),
    ];
    expect([first.statusCode, second.statusCode]).toEqual([303, 409]);
    expect((await listChecks(service.handle.db, app.matterId)).length).toBe(rows + 1);
  });

  it("RV-4: the e-Stamp and the issuer's verification are recorded with method, reference and result", async () => {
    const stamp = await check(reviewer.client, {
      kind: "e-stamp",
      item: "delegation",
      method: "rd-e-stamp",
      reference: "ES-2569-000123",
      result: "verified",
    });
    expect(stamp.statusCode).toBe(303);
    const issuer = await check(reviewer.client, {
      kind: "issuer-verification",
      item: "id-card",
      method: "code",
      reference: "JT1-1234567-89",
      result: "mismatch",
      note: "รหัสหลังบัตรไม่ตรง",
    });
    expect(issuer.statusCode).toBe(303);
    const current = await listCurrentChecks(service.handle.db, app.matterId);
    expect(current.find((c) => c.kind === "e-stamp")).toMatchObject({
      itemId: "delegation",
      outcome: "ok",
      verification: { method: "rd-e-stamp", reference: "ES-2569-000123", result: "verified" },
    });
    expect(current.find((c) => c.kind === "issuer-verification")).toMatchObject({
      itemId: "id-card",
      outcome: "defective",
      verification: { method: "code", reference: "JT1-1234567-89", result: "mismatch" },
    });
    // Only what the manual lists, and only the checks that fit the item.
    for (const [form, code] of [
      [
        { kind: "e-stamp", item: "id-card", method: "rd-e-stamp", reference: "x", result: "verified" },
        "REVIEW_ITEM_UNKNOWN",
      ],
      [{ kind: "document", item: "house-register", outcome: "ok" }, "REVIEW_ITEM_UNKNOWN"],
      [{ kind: "signature", item: "delegation", outcome: "ok" }, "VALIDATION_FAILED"],
      [{ kind: "document", item: "id-card", outcome: "great" }, "VALIDATION_FAILED"],
      [
        { kind: "e-stamp", item: "delegation", method: "guess", reference: "x", result: "verified" },
        "VALIDATION_FAILED",
      ],
    ] as const) {
      const res = await check(reviewer.client, { ...form });
      expect(res.statusCode, `${JSON.stringify(form)}`).toBe(400);
      expect(res.body).toContain(code);
    }
  });

  it.runIf(HAVE_PDFSIG)(
    "RV-4: a PDF's signatures are checked against the agency's roots: untrusted without, trusted with its root, the certificate kept",
    async () => {
      const verify = async () =>
        reviewer.client.post(url("/signatures"), {
          version: String(await matterVersion()),
          item: "delegation",
          attachment: app.delegation,
        });
      expect((await verify()).statusCode).toBe(303);
      const untrusted = (await listCurrentChecks(service.handle.db, app.matterId)).find(
        (c) => c.kind === "signature",
      );
      expect(untrusted).toMatchObject({
        itemId: "delegation",
        attachmentId: app.delegation,
        outcome: "defective",
      });
      const first = (
        untrusted!.verification as { report: { signatures: { trust: string; unchanged: boolean }[] } }
      ).report.signatures[0];
      expect(first).toMatchObject({ trust: "untrusted", unchanged: true });

      const admin = (await unitOfficer(service, clock, "roots-admin@demo.go.th", ["admin"], "saraban"))
        .client;
      await admin.get("/office/review/trust-roots");
      const added = await admin.post("/office/review/trust-roots", { pem: root.pem });
      expect(added.statusCode).toBe(200);

      expect((await verify()).statusCode).toBe(303);
      const trusted = (await listCurrentChecks(service.handle.db, app.matterId)).find(
        (c) => c.kind === "signature",
      );
      expect(trusted?.outcome).toBe("ok");
      const v = trusted?.verification as {
        method: string;
        roots: { sha256: string }[];
        report: { signatures: { trust: string; signer: string; certificate: { pem: string } }[] };
      };
      expect(v.method).toBe("pdfsig");
      expect(v.roots).toHaveLength(1);
      expect(v.report.signatures[0]).toMatchObject({ trust: "trusted", signer: "สมชาย ใจดี" });
      expect(v.report.signatures[0]?.certificate.pem.replace(/\s/g, "")).toBe(signer.pem.replace(/\s/g, ""));
      const page = await reviewer.client.get(url());
      expect(page.body).toContain('data-trust="trusted"');

      // A file that is not the item's, or not a PDF, is refused.
      const png = await reviewer.client.post(url("/signatures"), {
        version: String(await matterVersion()),
        item: "id-card",
        attachment: app.idCard,
      });
      expect(png.statusCode).toBe(400);
      expect(png.body).toContain("REVIEW_FILE_NOT_PDF");
      const wrong = await reviewer.client.post(url("/signatures"), {
        version: String(await matterVersion()),
        item: "id-card",
        attachment: app.delegation,
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("REVIEW_ITEM_UNKNOWN");
    },
  );

  it("RV-1: another unit's officer gets 404, an approver 403, an anonymous visitor the sign-in or 401", async () => {
    await stranger.get("/office/account");
    const page = await stranger.get(url());
    expect(page.statusCode).toBe(404);
    const post = await stranger.post(url("/checks"), {
      version: String(await matterVersion()),
      kind: "document",
      item: "id-card",
      outcome: "ok",
    });
    expect(post.statusCode).toBe(404);
    expect(post.body).toContain("MATTER_NOT_FOUND");
    await approver.get("/office/account");
    const denied = await approver.post(url("/checks"), {
      version: "1",
      kind: "document",
      item: "id-card",
      outcome: "ok",
    });
    expect(denied.statusCode).toBe(403);
    // A general request's matter is no application: 404 on its checks.
    const general = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: {
        name: "สมหญิง รักดี",
        subject: "สอบถาม",
        message: "ขอทราบ",
        email: "s@example.com",
        confirmed: true,
      },
    });
    expect(general.statusCode).toBe(201);
    const entry = await service.handle.db
      .selectFrom("entries")
      .select("matter_id")
      .where("receipt_number", "=", general.json().receiptNumber)
      .executeTakeFirstOrThrow();
    const admin = (await unitOfficer(service, clock, "admin2@demo.go.th", ["admin"], "saraban")).client;
    expect((await admin.get(`/office/matters/${entry.matter_id}/review`)).statusCode).toBe(404);
    expect((await admin.get("/office/matters/no-such-matter/review")).statusCode).toBe(404);
    const anonymous = await service.app.inject({
      method: "GET",
      url: url(),
      headers: { accept: "text/html" },
    });
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toContain("/office/login");
    const anonymousPost = await service.app.inject({
      method: "POST",
      url: url("/checks"),
      payload: "kind=document&item=id-card&outcome=ok&version=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(anonymousPost.statusCode).toBe(401);
    // A signed-in officer without the form's CSRF token is refused.
    const noCsrf = await reviewer.client.post(url("/checks"), { version: "1" }, { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
  });

  it("RV-4: another applicant's matter (a person's) shows only a person's checklist", async () => {
    const person = await submitTestApplication(service);
    await routeMatter(service, clock, person.matterId, "permits");
    const page = await reviewer.client.get(`/office/matters/${person.matterId}/review`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-item="id-card"');
    expect(page.body).not.toContain('data-item="delegation"');
  });

  it("RV-1, RV-4: the matter page's panel, called as casework calls it: forms in review, read-only after, nothing out of scope", async () => {
    const agency = await findAgency(service.handle.db, "demo");
    const requestOf = (staff: Staff) =>
      ({
        lang: "th",
        basePath: "",
        agency,
        staffSession: { staff },
        officeUser: { id: staff.id, displayName: staff.displayName, roles: staff.roles, csrfToken: "t" },
      }) as unknown as FastifyRequest;
    const panel = reviewPanel({ handle: service.handle });
    const matter = await findMatter(service.handle.db, "demo", app.matterId);
    const shown = String(await panel(requestOf(reviewer.staff), matter!));
    expect(shown).toContain('data-form="document"');
    expect(shown).toContain('id="review"');
    expect(await panel(requestOf(strangerStaff), matter!)).toBeUndefined();

    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "submit-for-approval",
      payload: {},
      actor: { kind: "staff", staffId: reviewer.staff.id, roles: ["reviewer"] },
      at: clock.now(),
    });
    const after = await findMatter(service.handle.db, "demo", app.matterId);
    const readOnly = String(await panel(requestOf(reviewer.staff), after!));
    expect(readOnly).toContain("data-readonly");
    expect(readOnly).not.toContain("data-form=");
    expect(readOnly).toContain('data-outcome="defective"');
    const late = await check(reviewer.client, { kind: "document", item: "id-card", outcome: "ok" });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("ACTION_NOT_ALLOWED");
  });
});
