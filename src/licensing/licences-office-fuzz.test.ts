import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { issuedLicence } from "../../test/licensing.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import type { Licence } from "./licence.js";

/**
 * Seeded, bounded fuzzing of the officers' licence routes: random queries, ids and actions, and random
 * bodies to the acts (with a valid CSRF token, stepped up, so the handlers run): never a 5xx, and
 * nothing half-written (every edition has its issue event, a number has at most one current edition).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the officers' licence routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  let licence: Licence;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = testDocumentSigner();
    licence = (await issuedLicence(service, clock)).licence;
    officer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "lic.fuzz@demo.go.th", ["admin"])
    ).client;
    await stepUp(officer, clock);
    await officer.get(`/office/licences/${licence.id}`);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const consistent = async () => {
    const db = service.handle.db;
    const rows = await db.selectFrom("licences").select(["id", "number_text", "status"]).execute();
    const issues = await db
      .selectFrom("licence_events")
      .select("licence_id")
      .where("action", "=", "issue")
      .execute();
    expect(new Set(issues.map((e) => e.licence_id))).toEqual(new Set(rows.map((r) => r.id)));
    const current = rows.filter((r) => r.status !== "superseded").map((r) => r.number_text);
    expect(new Set(current).size).toBe(current.length);
  };

  it("LC-1: random queries to the list and random ids to the page are 200 or 4xx, never 5xx", async () => {
    const id = fc.oneof(textValue, fc.constant(licence.id), fc.constant(licence.id.toUpperCase()));
    const cases = fc.sample(fc.tuple(fc.boolean(), id, textValue, fuzzQuery), {
      seed: 1531,
      numRuns: runs(60),
    });
    for (const [list, one, value, query] of cases) {
      const url = list
        ? `/office/licences?${query}&${["q", "status", "page"][value.length % 3]}=${encodeURIComponent(value.slice(0, 500))}`
        : `/office/licences/${encodeURIComponent(one)}?${query}`;
      const res = await officer.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      expect([200, 400, 403, 404]).toContain(res.statusCode);
    }
  });

  it("LC-1, LC-3: random bodies to the acts are 4xx or a valid act, never 5xx, and nothing is half-written", async () => {
    const action = fc.constantFrom(
      "amend",
      "renew",
      "suspend",
      "reinstate",
      "revoke",
      "expire",
      "issue",
      "x",
    );
    const cases = fc.sample(fc.tuple(action, fc.boolean(), fuzzBody([["_csrf", officer.csrf]])), {
      seed: 1532,
      numRuns: runs(60),
    });
    for (const [act, known, body] of cases) {
      const id = known ? licence.id : "00000000-0000-4000-8000-000000000000";
      const res = await service.app.inject({
        method: "POST",
        url: `/office/licences/${id}/${act}`,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: officer.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${act} ${body.kind}`).toBeLessThan(500);
      expect([303, 400, 403, 404, 409, 413, 415, 422]).toContain(res.statusCode);
    }
    await consistent();
  });
});
