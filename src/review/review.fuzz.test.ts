import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import type { OfficeClient } from "../../test/office.js";
import { submitCompanyApplication } from "../../test/review.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { makeRootCa, makeUnsignedPdf } from "../../test/signed-pdf.js";
import { fixedClock } from "../platform/clock.js";
import { recordAction } from "../register/index.js";

const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const NOW = "2026-12-08T03:00:00.000Z";

/**
 * RV-1, RV-4: seeded, bounded fuzzing of review's POST routes as a signed-in reviewer (and admin, for
 * the trusted roots) with a valid CSRF token, so the handlers themselves run: plausible forms built
 * from the routes' own fields and values, and the shared malformed bodies. Never a 5xx; every refusal
 * a 4xx with a stable code.
 */
describe.each(testDialects())("review's routes under malformed input on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let reviewer: OfficeClient;
  let admin: OfficeClient;
  let app: Awaited<ReturnType<typeof submitCompanyApplication>>;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    app = await submitCompanyApplication(service, await makeUnsignedPdf());
    await routeMatter(service, clock, app.matterId, "permits");
    const r = await unitOfficer(service, clock, "fuzz-rv@demo.go.th", ["reviewer"], "permits");
    reviewer = r.client;
    await reviewer.get("/office/account");
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "start-review",
      payload: {},
      actor: { kind: "staff", staffId: r.staff.id, roles: ["reviewer"] },
      at: clock.now(),
    });
    admin = (await unitOfficer(service, clock, "fuzz-roots@demo.go.th", ["admin"], "saraban")).client;
    await admin.get("/office/review/trust-roots");
  }, 60_000);
  afterAll(async () => service?.stop());

  async function send(
    client: OfficeClient,
    url: string,
    contentType: string,
    payload: Buffer,
    accept: string,
  ) {
    const res = await client.app.inject({
      method: "POST",
      url,
      payload,
      headers: {
        "content-type": contentType,
        accept,
        cookie: client.cookieHeader,
        "x-csrf-token": client.csrf,
      },
    });
    if (res.statusCode >= 500) problems.push(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (res.statusCode >= 400 && accept === "application/json" && !/"code":"[A-Z_]+"/.test(res.body))
      problems.push(`${url} → ${res.statusCode} without a code: ${res.body.slice(0, 200)}`);
    return res.statusCode;
  }

  const version = () =>
    fc.oneof(fc.constant("current"), fc.constantFrom("0", "-1", "1e9", "9999999999", "x"), textValue);
  const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const plausible = fc.record({
    version: field(version()),
    kind: field(
      fc.oneof(
        fc.constantFrom("document", "delegation", "e-stamp", "issuer-verification", "signature"),
        textValue,
      ),
    ),
    item: field(fc.oneof(fc.constantFrom("id-card", "delegation", "__proto__"), textValue)),
    outcome: field(fc.oneof(fc.constantFrom("ok", "missing", "defective", "not-applicable"), textValue)),
    method: field(fc.oneof(fc.constantFrom("rd-e-stamp", "code", "link", "other"), textValue)),
    reference: field(textValue),
    result: field(fc.oneof(fc.constantFrom("verified", "mismatch", "not-found"), textValue)),
    note: field(textValue),
    attachment: field(fc.oneof(fc.constant("pdf"), fc.constant("png"), textValue)),
    pem: field(
      fc.oneof(
        fc.constant(
          makeRootCa("Fuzz Root", { notBefore: new Date("2020-01-01"), notAfter: new Date("2040-01-01") })
            .pem,
        ),
        textValue,
      ),
    ),
    name: field(textValue),
  });

  const formOf = async (values: Record<string, string | undefined>) => {
    const current = (
      await service.handle.db
        .selectFrom("matters")
        .select("version")
        .where("id", "=", app.matterId)
        .executeTakeFirstOrThrow()
    ).version;
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) continue;
      const value =
        k === "version" && v === "current"
          ? String(current)
          : k === "attachment" && v === "pdf"
            ? app.delegation
            : k === "attachment" && v === "png"
              ? app.idCard
              : v;
      body.append(k, value);
    }
    return Buffer.from(body.toString());
  };

  it("RV-1, RV-4: plausible and malformed forms to the checks, signatures and trusted-roots routes never answer 5xx", {
    timeout: 240_000,
  }, async () => {
    const routes = [
      { client: () => reviewer, url: () => `/office/matters/${app.matterId}/review/checks` },
      { client: () => reviewer, url: () => `/office/matters/${app.matterId}/review/signatures` },
      { client: () => reviewer, url: () => "/office/matters/not-a-matter/review/checks" },
      { client: () => admin, url: () => "/office/review/trust-roots" },
      { client: () => admin, url: () => "/office/review/trust-roots/not-a-root/remove" },
    ];
    const accept = fc.constantFrom("text/html", "application/json");
    const statuses = new Map<number, number>();
    for (const [i, route] of routes.entries()) {
      for (const c of fc.sample(fc.record({ values: plausible, accept }), {
        seed: 1200 + i,
        numRuns: runs(40),
      })) {
        const status = await send(
          route.client(),
          route.url(),
          "application/x-www-form-urlencoded",
          await formOf(c.values),
          c.accept,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      for (const c of fc.sample(fc.record({ body: fuzzBody(), accept }), {
        seed: 1300 + i,
        numRuns: runs(25),
      }))
        await send(route.client(), route.url(), c.body.contentType, c.body.body, c.accept);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    // The plausible forms got through to findings, not only refusals.
    expect(statuses.get(303) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThan(1);
  });
});
