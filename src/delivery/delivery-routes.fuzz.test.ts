import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { issuedLicence } from "../../test/licensing.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterDeliveries } from "./deliveries.repo.js";
import { signedDownloadUrl } from "./download-link.js";
import { sweepDeliveries } from "./sweep-deliveries.js";

/**
 * Seeded, bounded fuzzing of the delivery routes: the applicant's licence page and file with random
 * numbers and tokens, the signed link with random ids, expiries and signatures, and the officer's "send
 * again" with random bodies (a valid CSRF token, so the handler runs): never a 5xx, nothing half-written.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

describe.each(testDialects())("the delivery routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  let first: Awaited<ReturnType<typeof issuedLicence>>;
  let other: Awaited<ReturnType<typeof issuedLicence>>;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    first = await issuedLicence(service, clock, { email: "fuzz.one@example.com" });
    other = await issuedLicence(service, clock, { email: "fuzz.two@example.com" });
    await sweepDeliveries(service.delivery, clock.now());
    officer = (
      await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "demo",
        "dl.fuzz@demo.go.th",
        ["reviewer"],
        "",
        [await unitId(service, "permits")],
      )
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("DL-4: random numbers and tokens on the licence page and file, random signed links: 4xx, never 5xx, never the file", async () => {
    const { application } = first;
    const [delivery] = await listMatterDeliveries(service.handle.db, application.matterId);
    const good = new URL(
      signedDownloadUrl(service.delivery, "demo", delivery!.id, new Date(clock.now().getTime() + 3600_000)),
    );
    const token = fc.oneof(textValue, fc.constant(application.token.slice(0, -1)), fc.constant(""));
    const cases = fc.sample(fc.tuple(fc.nat(4), textValue, token, fuzzQuery), {
      seed: 1504,
      numRuns: runs(60),
    });
    for (const [shape, value, t, query] of cases) {
      const base = `/requests/${application.beYear}/${shape === 0 ? encodeURIComponent(value) : application.sequence}`;
      const url = [
        `${base}/licence?t=${encodeURIComponent(t)}&${query}`,
        `${base}/licence?t=${encodeURIComponent(t)}`,
        `${base}/licence.pdf?t=${encodeURIComponent(t)}`,
        `/licence-files/${encodeURIComponent(value || "x")}?e=${good.searchParams.get("e")}&s=${good.searchParams.get("s")}`,
        `/licence-files/${delivery!.id}?e=${encodeURIComponent(value)}&s=${encodeURIComponent(t)}&${query}`,
      ][shape]!;
      const res = await service.app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers["content-disposition"], url).toBeUndefined();
    }
    // Nothing was downloaded by all that.
    const [after] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(after?.downloaded_at).toBeNull();
  });

  it("DL-1: random bodies to 'send again' are 4xx or a valid act, never 5xx; another matter's licence is a 404 and writes nothing", async () => {
    const { application } = first;
    const page = `/office/matters/${application.matterId}`;
    const shown = await officer.get(page);
    expect(shown.body).toContain(`data-testid="licence-deliveries"`);
    const before = (await listMatterDeliveries(service.handle.db, application.matterId)).length;
    const cases = fc.sample(fuzzBody([["_csrf", officer.csrf]]), { seed: 1505, numRuns: runs(60) });
    for (const body of cases) {
      const res = await service.app.inject({
        method: "POST",
        url: `${page}/licence-deliveries`,
        payload: body.body,
        headers: { "content-type": body.contentType, cookie: officer.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, body.kind).toBeLessThan(500);
      expect([303, 400, 403, 404, 409, 413, 415, 422]).toContain(res.statusCode);
    }
    // Random forms never name this matter's licence id: nothing was sent again.
    expect(await listMatterDeliveries(service.handle.db, application.matterId)).toHaveLength(before);
    const crossed = await officer.post(`${page}/licence-deliveries`, {
      licenceId: other.licence.id,
      channel: "",
    });
    expect(crossed.statusCode).toBe(404);
    const noCsrf = await officer.post(
      `${page}/licence-deliveries`,
      { licenceId: first.licence.id, channel: "" },
      { csrf: null },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(await listMatterDeliveries(service.handle.db, application.matterId)).toHaveLength(before);
  });

  it("DL-1: an officer sends the licence again by another channel; the act is audited by id only", async () => {
    const { application } = first;
    const page = `/office/matters/${application.matterId}`;
    await officer.get(page);
    const res = await officer.post(`${page}/licence-deliveries`, {
      licenceId: first.licence.id,
      channel: "download",
    });
    expect(res.statusCode).toBe(303);
    const deliveries = await listMatterDeliveries(service.handle.db, application.matterId);
    const again = deliveries[deliveries.length - 1];
    expect(again?.channel).toBe("download");
    expect(again?.chosen_by).toBe("officer");
    expect(again?.attempt).toBe(deliveries.length);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "data"])
      .where("action", "=", "licence.deliver")
      .where("subject_id", "=", first.licence.id)
      .orderBy("created_at")
      .execute();
    expect(audit.at(-1)?.actor).toMatch(/^staff:/);
    expect(audit.map((a) => a.data).join()).not.toContain("fuzz.one@example.com");
    // No LINE user is known for a web application: that channel is refused, nothing written.
    const line = await officer.post(`${page}/licence-deliveries`, {
      licenceId: first.licence.id,
      channel: "line",
    });
    expect(line.statusCode).toBe(409);
    expect(await listMatterDeliveries(service.handle.db, application.matterId)).toHaveLength(
      deliveries.length,
    );
  });
});
