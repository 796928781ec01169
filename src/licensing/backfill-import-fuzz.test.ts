import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earlierRegister, MAPPING_FORM, registerCsv, uploadRegister } from "../../test/backfill.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the licence import page: garbage uploads (random bytes, a ZIP signature with
 * nothing behind it, huge cells, wrong content types), random bodies to "check" and "import" (with the
 * CSRF token, stepped up), random ids and queries: never a 5xx, and nothing written by refused input.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const ALLOWED = [200, 303, 400, 403, 404, 413, 415, 422];

describe.each(testDialects())("the licence import page under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let admin: OfficeClient;
  let uploadId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    admin = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "adm.bf@demo.go.th", ["admin"])
    ).client;
    await stepUp(admin, clock);
    await admin.get("/office/licences/import");
    const csv = registerCsv(earlierRegister(TEST_SERVICE.code, 5).rows);
    const res = await uploadRegister(service, admin, new TextEncoder().encode(csv), "old.csv");
    uploadId = /import\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const count = async (table: "licences" | "licence_import_uploads" | "licence_import_mappings") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select(service.handle.db.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("PR-3: garbage uploads are 4xx with a reason, never 5xx, and store nothing", async () => {
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((b) => ({ bytes: b })),
      fc.uint8Array({ maxLength: 200 }).map((b) => ({ bytes: Uint8Array.from([0x50, 0x4b, 3, 4, ...b]) })),
      fc.tuple(textValue, fc.nat({ max: 200_000 })).map(([v, n]) => ({
        bytes: new TextEncoder().encode(`เลขที่,ชื่อ\n"${v.replace(/"/g, "")}${"ก".repeat(n)}",x`),
      })),
    );
    const cases = fc.sample(garbage, { seed: 1601, numRuns: runs(60) });
    for (const { bytes } of cases) {
      const before = await count("licence_import_uploads");
      const res = await uploadRegister(service, admin, bytes, "x.xlsx");
      expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
      expect(ALLOWED).toContain(res.statusCode);
      const after = await count("licence_import_uploads");
      // A readable sheet (random bytes can be valid UTF-8 text) is stored for the next step; nothing else is.
      expect(after).toBe(before + (res.statusCode === 303 ? 1 : 0));
    }
    const bodies = fc.sample(fuzzBody([["_csrf", admin.csrf]]), { seed: 1602, numRuns: runs(60) });
    for (const body of bodies) {
      const res = await service.app.inject({
        method: "POST",
        url: "/office/licences/import",
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: admin.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, body.kind).toBeLessThan(500);
      expect(ALLOWED).toContain(res.statusCode);
    }
    expect(await count("licences")).toBe(0);
  });

  it("PR-3: random bodies to check and import, random ids and queries: 4xx or a page, nothing imported", async () => {
    const cases = fc.sample(
      fc.tuple(fc.constantFrom("check", "import"), fc.boolean(), fuzzBody([["_csrf", admin.csrf]])),
      {
        seed: 1603,
        numRuns: runs(80),
      },
    );
    for (const [step, known, body] of cases) {
      const id = known ? uploadId : "00000000-0000-4000-8000-000000000000";
      const res = await service.app.inject({
        method: "POST",
        url: `/office/licences/import/${id}/${step}`,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: admin.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${step} ${body.kind}`).toBeLessThan(500);
      expect(ALLOWED).toContain(res.statusCode);
    }
    const pages = fc.sample(fc.tuple(textValue, fuzzQuery), { seed: 1604, numRuns: runs(40) });
    for (const [id, query] of pages) {
      const res = await admin.get(`/office/licences/import/${encodeURIComponent(id.slice(0, 200))}?${query}`);
      expect(ALLOWED).toContain(res.statusCode);
      const own = await admin.get(`/office/licences/import/${uploadId}?${query}`);
      expect(ALLOWED).toContain(own.statusCode);
    }
    expect(await count("licences")).toBe(0);
    expect(await count("licence_import_mappings")).toBe(0);
    // The same upload with its real mapping still imports: the fuzzing broke nothing.
    const done = await admin.post(`/office/licences/import/${uploadId}/import`, MAPPING_FORM);
    expect(done.body).toContain('data-imported="5"');
  });
});
