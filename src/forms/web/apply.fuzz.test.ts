import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../../test/service-fixture.js";
import { THAI_FORM } from "../../../test/thai-form-fixture.js";
import { fixedClock } from "../../platform/clock.js";

/**
 * Bad input never reaches a 500 on the apply pages: seeded, bounded fuzzing of every route of this
 * capability, with the draft's real CSRF token most of the time (so the handlers run to the end), the
 * form's own field names, and the malformed bodies of the general fuzz test. FUZZ_RUNS scales it.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const FIELDS = [
  ...["shopName", "openedOn-day", "openedOn-month", "openedOn-year", "hasBranch", "branchName", "ownerId"],
  ...[
    "companyId",
    "phone",
    "bornOn-day",
    "bornOn-month",
    "bornOn-year",
    "address-houseNumber",
    "address-moo",
  ],
  ...["address-province", "address-district", "address-subdistrict", "address-postcode", "fee", "staff"],
  ...["kind", "extras", "note", "_choose", "_shown", "return", "version", "email", "_continue", "__proto__"],
];
const PLAUSIBLE = [
  ...["yes", "no", "food", "drink", "tables", "กรุงเทพมหานคร", "จตุจักร", "ลาดยาว", "10900", "2567", "31", "2"],
  ...[
    "1101700207129",
    "0812345678",
    "1,500.50",
    "address",
    "hasBranch,branchName",
    "check",
    "q/shop",
    "a@b.co",
  ],
];

describe.each(testDialects())("apply pages under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  const drafts: { token: string; csrf: string }[] = [];

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await publishTestService(service, {
      ...TEST_SERVICE,
      code: "thai-shop",
      form: THAI_FORM,
      licence: undefined,
    });
    for (const code of ["shop-permit", "thai-shop"]) {
      const res = await service.app.inject({ method: "POST", url: `/services/${code}/apply` });
      const token = /\/apply\/([\w-]+)\//.exec(res.headers.location as string)?.[1] ?? "";
      const page = await service.app.inject({ method: "GET", url: `/apply/${token}/privacy` });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const version = /name="version" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      await service.app.inject({
        method: "POST",
        url: `/apply/${token}/privacy`,
        payload: `_csrf=${csrf}&version=${version}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      drafts.push({ token, csrf });
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const paths = ["privacy", "q/shop", "q/branch", "q/owner", "q/place", "q/business", "check", "save", "q/x"];
  const ownBody = fc
    .array(fc.tuple(fc.constantFrom(...FIELDS), fc.oneof(textValue, fc.constantFrom(...PLAUSIBLE))), {
      maxLength: 12,
    })
    .map((pairs) => ({
      kind: "own-form",
      contentType: "application/x-www-form-urlencoded",
      body: Buffer.from(pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")),
    }));

  it("never answers 5xx to any POST or GET of the apply pages", async () => {
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1 }),
        fc.constantFrom(...paths),
        fc.constantFrom("GET", "POST"),
        fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fuzzQuery }),
        fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        fc.boolean(),
        async (which, path, method, query, realToken, own) => {
          const draft = drafts[which] ?? { token: "", csrf: "" };
          const token = realToken ? draft.token : "AAAAAAAAAAAAAAAAAAAAAA";
          const url = `/apply/${token}/${path}${query ? `?${query}` : ""}`;
          let res: { statusCode: number; body: string };
          if (method === "GET") res = await service.app.inject({ method: "GET", url });
          else {
            const [body] = fc.sample(own ? ownBody : fuzzBody([["_csrf", draft.csrf]]), {
              numRuns: 1,
              seed: url.length,
            });
            if (!body) return;
            const payload =
              own && body.body.length < 50_000
                ? Buffer.concat([Buffer.from(`_csrf=${draft.csrf}&`), body.body])
                : body.body;
            res = await service.app.inject({
              method: "POST",
              url,
              payload,
              headers: { "content-type": body.contentType },
            });
          }
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500)
            failures.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        },
      ),
      { numRuns: Math.round(300 * SCALE), seed: 11 },
    );
    expect(failures).toEqual([]);
    // The fuzz reached the handlers: pages shown, field errors, CSRF refusals and 404s all happened.
    for (const status of [200, 400, 403, 404])
      expect(statuses.get(status) ?? 0, `${status} in ${[...statuses]}`).toBeGreaterThan(0);
    const alive = await service.app.inject({ method: "GET", url: `/apply/${drafts[0]?.token}/check` });
    expect(alive.statusCode).toBe(200);
  }, 120_000);
});
