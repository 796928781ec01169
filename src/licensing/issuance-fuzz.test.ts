import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { LICENSING_OFFICER, paidMatter } from "../../test/licensing.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { issueLicence } from "./issue-licence.js";
import type { Licence } from "./licence.js";
import { findLicence, listMatterLicences } from "./licences.repo.js";
import { awaitingScan } from "./record-licence-scan.js";

/**
 * Seeded, bounded fuzzing of the issuance routes (settings, issue, scan upload, PDF download): random
 * bodies with a valid CSRF token from a stepped-up admin, so the handlers run; random ids. Never a 5xx,
 * nothing half-written; without a fresh step-up every act is sent to the step-up page.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const OK = [200, 303, 400, 403, 404, 409, 413, 415, 422];

describe.each(testDialects())("the issuance routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let paper: Licence;
  let unpaidMatter: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service, {
      ...TEST_SERVICE,
      licence: { ...TEST_SERVICE.licence!, issue: "paper" },
    });
    service.licensing.documentSigner = testDocumentSigner();
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await paidMatter(service, clock, notice);
    paper = await issueLicence(service.licensing, {
      agencyId: "demo",
      matterId: application.matterId,
      actor: LICENSING_OFFICER,
      at: clock.now(),
    });
    unpaidMatter = (await matterAwaitingPayment(service, clock)).application.matterId;
    admin = (await signedInOfficer(service.app, service.handle, clock, "demo", "fz@demo.go.th", ["admin"]))
      .client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const post = (url: string, body: { body: Buffer; contentType: string }) =>
    service.app.inject({
      method: "POST",
      url,
      payload: body.body,
      headers: { "content-type": body.contentType, cookie: admin.cookieHeader, accept: "text/html" },
    });

  it("SC-2: without a fresh step-up every issuance act goes to the step-up page", async () => {
    await admin.get("/office/licences/settings");
    for (const url of ["/office/licences/settings/origin", `/office/matters/${unpaidMatter}/licence/issue`]) {
      const res = await admin.post(url, { origin: "https://eservice.demo.go.th" });
      expect(res.statusCode, url).toBe(303);
      expect(String(res.headers.location), url).toContain("/office/step-up");
    }
  });

  it("LC-1, LC-3, RG-6: random bodies to the settings, issue and scan forms are 4xx or a valid act, never 5xx", async () => {
    await stepUp(admin, clock);
    await admin.get("/office/licences/settings");
    const before = await findAgency(service.handle.db, "demo");
    const urls = [
      "/office/licences/settings/origin",
      "/office/licences/settings/emblem",
      `/office/matters/${unpaidMatter}/licence/issue`,
      `/office/licences/${paper.id}/scan`,
    ];
    const cases = fc.sample(fc.tuple(fc.nat(urls.length - 1), fuzzBody([["_csrf", admin.csrf]])), {
      seed: 1501,
      numRuns: runs(80),
    });
    for (const [which, body] of cases) {
      const res = await post(urls[which]!, body);
      expect(res.statusCode, `${urls[which]} ${body.kind}`).toBeLessThan(500);
      expect(OK, `${urls[which]} ${body.kind}`).toContain(res.statusCode);
    }
    const after = await findAgency(service.handle.db, "demo");
    expect(after?.licenceOrigin).toBe(before?.licenceOrigin);
    expect(after?.emblemKey).toBe(before?.emblemKey);
    expect(await listMatterLicences(service.handle.db, unpaidMatter)).toHaveLength(0);
    expect(awaitingScan((await findLicence(service.handle.db, "demo", paper.id))!)).toBe(true);
  });

  it("LC-1: random licence and matter ids on the PDF, issue and scan routes are 4xx, never 5xx", async () => {
    await stepUp(admin, clock);
    await admin.get("/office/work");
    const id = fc.oneof(textValue, fc.constant(`${paper.id}x`), fc.constant(""), fc.constant("../pdf"));
    for (const [shape, value] of fc.sample(fc.tuple(fc.nat(2), id), { seed: 1502, numRuns: runs(60) })) {
      const segment = encodeURIComponent(value) || "%20";
      const res =
        shape === 0
          ? await admin.get(`/office/licences/${segment}/pdf`)
          : await admin.post(
              shape === 1 ? `/office/matters/${segment}/licence/issue` : `/office/licences/${segment}/scan`,
            );
      expect(res.statusCode, `${shape} ${value}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${shape} ${value}`).toBeLessThan(500);
    }
  });
});
