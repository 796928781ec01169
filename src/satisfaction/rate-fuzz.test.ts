import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeMatter, unitOfficer } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { submitRequest } from "../../test/factories.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { boundFormToken } from "../platform/form-token.js";
import { loadOrCreateSecret } from "../platform/secret.js";
import { type MatterActor, recordAction } from "../register/index.js";
import { ratingToken } from "./index.js";

/**
 * Seeded, bounded fuzzing of the rating page (TR-3): tokens genuine, tampered, of an open matter or
 * random; forms in every encoding with ratings and comments of any shape; with and without the CSRF
 * token. Never a 5xx; a rating row and its audit row are written only by a 303, and at most once.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the rating page under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let secret: string;
  let closed: string;
  let open: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    secret = loadOrCreateSecret(service.dataDir);
    const { staff } = await unitOfficer(service, clock, "fuzz.rater@demo.go.th", ["reviewer"]);
    const actor: MatterActor = { kind: "staff", staffId: staff.id, roles: ["reviewer"] };
    const matterOf = async (close: boolean) => {
      const { entryId } = await submitRequest(service, {
        name: "ก ข",
        email: "f@example.com",
        subject: "s",
        confirmed: true,
      });
      const { matter_id } = await service.handle.db
        .selectFrom("entries")
        .select("matter_id")
        .where("id", "=", entryId)
        .executeTakeFirstOrThrow();
      await routeMatter(service, clock, matter_id);
      for (const action of close ? (["answer", "close"] as const) : (["answer"] as const))
        await recordAction(service.handle, {
          agencyId: "demo",
          subject: { matterId: matter_id },
          action,
          payload: {},
          actor,
          at: clock.now(),
        });
      return matter_id;
    };
    closed = await matterOf(true);
    open = await matterOf(false);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const count = async (table: "satisfaction_ratings" | "audit_events") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("TR-3: random tokens, forms and queries are a 4xx, the form or one 303, never a 5xx; refused input writes nothing", async () => {
    const good = ratingToken(secret, closed, clock.now());
    const token = fc.oneof(
      fc.constant(good),
      fc.constant(ratingToken(secret, open, clock.now())),
      fc.constant(`${good.slice(0, -1)}x`),
      fc.constant(good.replace(/\.\d+\./, ".99999999999.")),
      textValue.map((v) => v.slice(0, 400)),
    );
    const rating = fc.oneof(fc.constantFrom("1", "3", "5", "0", "6", " 4 ", "4.0", "-1", ""), textValue);
    const cases = fc.sample(
      fc
        .tuple(token, fc.boolean(), rating, textValue, fc.nat(2), fuzzQuery)
        .chain(([t, withCsrf, r, comment, shape, query]) =>
          fuzzBody([
            ...(withCsrf
              ? ([["_csrf", boundFormToken(secret, "satisfaction-rate", t)]] as [string, string][])
              : []),
            ["rating", r],
            ["comment", comment],
          ]).map((body) => ({ t, body, shape, query })),
        ),
      { seed: 1604, numRuns: runs(150) },
    );
    let accepted = 0;
    for (const { t, body, shape, query } of cases) {
      const path = `${shape === 1 ? "" : "/a/demo"}/rate/${shape === 2 ? t : encodeURIComponent(t)}`;
      const before = [await count("satisfaction_ratings"), await count("audit_events")];
      const get = await service.app.inject({ url: `${path}?${query}`, headers: { accept: "text/html" } });
      expect(get.statusCode, path).toBeLessThan(500);
      const res = await service.app.inject({
        method: "POST",
        url: path,
        headers: { "content-type": body.contentType, accept: "text/html" },
        payload: body.body,
      });
      expect(res.statusCode, `${path} ${body.kind}`).toBeLessThan(500);
      const after = [await count("satisfaction_ratings"), await count("audit_events")];
      if (res.statusCode === 303) {
        accepted++;
        expect(after).toEqual([before[0]! + 1, before[1]! + 1]);
      } else expect(after, `${path} ${res.statusCode}`).toEqual(before);
    }
    expect(accepted).toBeLessThanOrEqual(1);
    const rows = await service.handle.db.selectFrom("satisfaction_ratings").selectAll().execute();
    expect(rows.every((r) => r.matter_id === closed && r.rating >= 1 && r.rating <= 5)).toBe(true);
    expect(rows.every((r) => (r.comment ?? "").length <= 1000)).toBe(true);
  });
});
