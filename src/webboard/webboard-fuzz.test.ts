import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the webboard's routes (bad input): random queries, ids, titles, bodies,
 * reasons and raw bodies on the public pages, the citizen's forms and the moderation page: never a 5xx,
 * and a refused request writes nothing (no topic, post, report, counter or audit row).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const TABLES = [
  "webboard_topics",
  "webboard_posts",
  "webboard_reports",
  "webboard_post_counters",
  "audit_events",
] as const;

describe.each(testDialects())("the webboard routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let citizen: TestCitizen;
  let mod: OfficeClient;
  let topicId: string;
  const counts = async () => {
    const out: number[] = [];
    for (const table of TABLES)
      out.push(
        Number(
          (
            await service.handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    return out.join(",");
  };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "fuzz@example.th",
    });
    await citizen.client.get("/webboard/new");
    const res = await citizen.client.post("/webboard/new", { title: "กระทู้ทดสอบ", body: "คำถามทดสอบ" });
    topicId = String(res.headers.location).split("/").pop()!;
    ({ client: mod } = await signedInOfficer(service.app, service.handle, clock, "demo", "mod@demo.go.th", [
      "supervisor",
    ]));
    await mod.get("/office/webboard/moderation");
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("public pages: random queries and ids are a page or a 4xx, never a 5xx, and write nothing", async () => {
    const id = fc.oneof(textValue, fc.constant(topicId), fc.constant(`${topicId}.json`), fc.uuid());
    const cases = fc.sample(fc.tuple(fc.nat(4), id, fuzzQuery), { seed: 1610, numRuns: runs(120) });
    const before = await counts();
    for (const [shape, raw, query] of cases) {
      const url = [
        `/webboard?${query}`,
        `/webboard.json?${query}`,
        `/webboard.atom?${query}`,
        `/webboard/topics/${encodeURIComponent(raw)}?${query}`,
        `/webboard/new?${query}`,
      ][shape] as string;
      const res = await service.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    expect(await counts()).toBe(before);
  });

  it("citizen forms: random titles, bodies, reasons and raw bodies never 5xx; a refusal writes nothing", async () => {
    const form = fc.record({
      title: textValue,
      body: textValue,
      service: fc.oneof(textValue, fc.constant("shop-permit")),
      reason: textValue,
    });
    const cases = fc.sample(
      fc.tuple(fc.nat(3), form, fc.boolean(), fuzzBody([["_csrf", citizen.csrfToken]])),
      {
        seed: 1611,
        numRuns: runs(150),
      },
    );
    for (const [shape, fields, raw, body] of cases) {
      // A fresh hour now and then, so the flood limit does not turn every later case into a 429.
      clock.set(new Date(clock.now().getTime() + 10 * 60_000));
      citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
        agencyId: "demo",
        at: clock.now(),
        email: `f${Math.random()}@example.th`,
      });
      const url = [
        "/webboard/new",
        `/webboard/topics/${topicId}/reply`,
        `/webboard/topics/${topicId}/report`,
        `/webboard/topics/${topicId}/posts/${topicId}/report`,
      ][shape] as string;
      const before = await counts();
      const res = raw
        ? await service.app.inject({
            method: "POST",
            url,
            payload: body.body,
            headers: { "content-type": body.contentType, cookie: citizen.client.cookieHeader },
          })
        : await citizen.client.post(url, fields);
      expect(res.statusCode, `${url} ${JSON.stringify(fields)}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await counts(), url).toBe(before);
    }
  });

  it("moderation: random actions, ids and reasons never 5xx; a refusal writes nothing", async () => {
    const action = fc.oneof(
      fc.constantFrom("topic.hide", "topic.restore", "topic.close", "topic.reopen", "post.hide", "resolve"),
      textValue,
    );
    const id = fc.oneof(fc.constant(topicId), fc.uuid(), textValue);
    const cases = fc.sample(fc.tuple(action, id, textValue), { seed: 1612, numRuns: runs(100) });
    for (const [a, i, reason] of cases) {
      const url = `/office/webboard/moderation/${encodeURIComponent(a)}/${encodeURIComponent(i)}`;
      const before = await counts();
      const res = await mod.post(url, { reason, outcome: reason });
      expect(res.statusCode, url).toBeLessThan(500);
      const page = await mod.get(`/office/webboard/moderation/topics/${encodeURIComponent(i)}`);
      expect(page.statusCode, i).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await counts(), url).toBe(before);
    }
  });
});
