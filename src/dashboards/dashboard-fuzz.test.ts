import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId } from "../../test/casework.js";
import { seedDashboard } from "../../test/dashboards.js";
import { testDialects } from "../../test/db.js";
import { fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the dashboard's query (period, dates, ranges, service) on the page and on
 * each CSV: 200 or a 4xx, never a 5xx, and a bad choice is a 400 in the officer's language. Reading
 * writes nothing: the audit trail and the register keep their row counts.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const FILES = [
  "",
  "/channels.csv",
  "/services.csv",
  "/acknowledgement.csv",
  "/service-level.csv",
  "/step-times.csv",
  "/satisfaction.csv",
  "/x.csv",
  "/channels.json",
];

const date = fc.oneof(
  fc
    .date({ min: new Date("1800-01-01"), max: new Date("3100-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("2026-02-30", "2569-12-01", "2026-13-01", "26-12-01", "", "2026-12-01T00:00"),
  textValue,
);

describe.each(testDialects())("the dashboard under malformed queries on %s", (dialect) => {
  const clock = fixedClock("2026-12-15T03:00:00.000Z");
  let service: TestService;
  let head: OfficeClient;
  let serviceId = "";
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const version = await publishTestService(service);
    serviceId = version.serviceId;
    await seedDashboard(service.handle.db, {
      serviceId,
      serviceVersionId: version.id,
      unitA: await unitId(service, "permits"),
      unitB: await unitId(service, "saraban"),
    });
    head = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "fuzz.dash@demo.go.th", [
        "head_of_agency",
      ])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const counts = async () => {
    const db = service.handle.db;
    const n = async (table: "audit_events" | "entries" | "matters") =>
      Number((await db.selectFrom(table).select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    return [await n("audit_events"), await n("entries"), await n("matters")];
  };

  it("random periods, dates over five years, unknown services and junk are 200 or 4xx, never 5xx", async () => {
    const before = await counts();
    const period = fc.oneof(
      fc.constantFrom("this-month", "last-month", "fiscal-year", "custom", "custom", ""),
      textValue,
    );
    const service_ = fc.oneof(fc.constant(""), fc.constant(serviceId), fc.constant("no-such"), textValue);
    const cases = fc.sample(fc.tuple(fc.constantFrom(...FILES), period, date, date, service_, fuzzQuery), {
      seed: 1616,
      numRuns: runs(150),
    });
    let refused = 0;
    for (const [file, p, from, to, s, extra] of cases) {
      const query = new URLSearchParams({ period: p, from, to, service: s }).toString();
      const res = await head.get(`/office/dashboard${file}?${query}${extra ? `&${extra}` : ""}`);
      expect(res.statusCode, `${file}?${query}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode === 400) {
        refused++;
        expect(res.body).toMatch(/[\u0E00-\u0E7F]/);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });
});
