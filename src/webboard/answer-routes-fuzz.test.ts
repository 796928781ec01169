import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedTopic, unitIdOf } from "../../test/answers.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

/**
 * Seeded, bounded fuzzing of the officers' answer routes: random ids and queries to the pages, random
 * answer forms (with the CSRF token, stepped up, so the handlers run) and malformed bodies to every act.
 * Never a 5xx, and a refused request writes nothing (no answer, no event, no FAQ entry, no search word).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const ACTS = ["edit", "submit", "approve", "return", "withdraw", "promote", "x"] as const;
const FIELDS = [
  "body",
  "regulation",
  "effectiveOn",
  "holdsAsOf",
  "unitId",
  "submit",
  "reason",
  "question",
  "expectedUpdatedAt",
];
const dateLike = fc.oneof(
  textValue,
  fc.constantFrom("1/10/2565", "31/02/2569", "7/12/2569", "8/12/2569", "2026-12-01", "0/0/0", "๑/๑๐/๒๕๖๕"),
);

describe.each(testDialects())("the officers' answer routes under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  let answerId: string;
  let topicId: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const permits = await unitIdOf(service.handle, "permits");
    officer = (
      await signedInOfficer(
        service.app,
        service.handle,
        clock,
        "demo",
        "ans.fuzz@demo.go.th",
        ["approver", "reviewer"],
        "",
        [permits],
      )
    ).client;
    await stepUp(officer, clock);
    ({ topicId } = await askedTopic(service, {
      at: clock.now(),
      title: "ถามเรื่องใบอนุญาต",
      question: "ต้องใช้เอกสารอะไร",
    }));
    const saved = await officer.post(`/office/webboard/topics/${topicId}/answer`, {
      body: "ใช้สำเนาบัตร",
      regulation: "ระเบียบ พ.ศ. 2565",
      effectiveOn: "1/10/2565",
      holdsAsOf: "1/12/2569",
    });
    answerId = String(saved.headers.location).split("/").pop()!;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const counts = async () => {
    const db = service.handle.db;
    const n = async (
      table: "webboard_answers" | "webboard_answer_events" | "faq_entries" | "webboard_search_terms",
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [
      await n("webboard_answers"),
      await n("webboard_answer_events"),
      await n("faq_entries"),
      await n("webboard_search_terms"),
    ];
  };

  it("WB-3: random ids and queries to the queue, the form and the answer page are 200 or 4xx, never 5xx", async () => {
    const id = fc.oneof(
      textValue,
      fc.constant(topicId),
      fc.constant(answerId),
      fc.constant(answerId.toUpperCase()),
    );
    const cases = fc.sample(fc.tuple(fc.integer({ min: 0, max: 2 }), id, fuzzQuery), {
      seed: 1621,
      numRuns: runs(60),
    });
    for (const [which, one, query] of cases) {
      const path = [
        "/office/webboard/answers",
        `/office/webboard/topics/${encodeURIComponent(one)}/answer`,
        `/office/webboard/answers/${encodeURIComponent(one)}`,
      ][which];
      const res = await officer.get(`${path}?${query}`);
      expect(res.statusCode, path).toBeLessThan(500);
      expect([200, 400, 404]).toContain(res.statusCode);
    }
  });

  it("WB-3, WB-4: random answer forms and malformed bodies to the draft and every act: never 5xx, and a refusal writes nothing", async () => {
    const plausible = fc.dictionary(fc.constantFrom(...FIELDS), dateLike, { maxKeys: 9 }).map((fields) => ({
      kind: "form",
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams({ _csrf: officer.csrf, ...fields }).toString(),
    }));
    const body = fc.oneof(plausible, fuzzBody([["_csrf", officer.csrf]]));
    const target = fc.oneof(
      fc.constant(`/office/webboard/topics/${topicId}/answer`),
      fc.constantFrom(...ACTS).map((act) => `/office/webboard/answers/${answerId}/${act}`),
      fc.constant("/office/webboard/answers/00000000-0000-4000-8000-000000000000/approve"),
    );
    const cases = fc.sample(fc.tuple(target, body), { seed: 1622, numRuns: runs(150) });
    for (const [url, one] of cases) {
      const before = await counts();
      const res = await service.app.inject({
        method: "POST",
        url,
        payload: one.body,
        headers: { "content-type": one.contentType, cookie: officer.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${url} ${one.kind}`).toBeLessThan(500);
      expect([303, 400, 403, 404, 409, 413, 415, 422]).toContain(res.statusCode);
      if (res.statusCode >= 400) expect(await counts(), `${url} ${res.statusCode}`).toEqual(before);
    }
  });
});
