import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("FAQ and request-log routes under fuzzed input on %s", (dialect) => {
  let service: TestService;
  let chief: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    chief = await signedInChief(service, clock);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const written = async () => {
    const db = service.handle.db;
    const [log, faq] = await Promise.all([
      db.selectFrom("request_log").select("id").execute(),
      db.selectFrom("faq_entries").select("id").execute(),
    ]);
    return log.length + faq.length;
  };

  it("IF-4, RG-2: no 5xx from fuzzed queries, ids and bodies; rejected input writes nothing", async () => {
    const before = await written();
    const query = fc.array(
      fc.tuple(fc.constantFrom("q", "service", "after", "month", "replied"), textValue),
      { maxLength: 4 },
    );
    const idLike = fc.oneof(
      textValue.map((v) => encodeURIComponent(v.slice(0, 100))),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(
        query,
        idLike,
        fuzzBody([["_csrf", chief.csrf]]),
        fc.constantFrom(
          "/office/request-log",
          "/office/faq",
          "/office/request-log/ID/reply",
          "/office/request-log/ID/publish",
          "/office/faq/ID/withdraw",
        ),
        async (pairs, id, body, post) => {
          const search = new URLSearchParams(
            pairs.map(([k, v]): [string, string] => [k, v.slice(0, 300)]),
          ).toString();
          for (const url of [`/faq?${search}`, `/faq.json?${search}`, `/faq/${id}`, `/faq/${id}.json`]) {
            const res = await service.app.inject({ url });
            expect(res.statusCode, url).toBeLessThan(500);
          }
          const office = await chief.get(`/office/request-log?${search}`);
          expect(office.statusCode).toBeLessThan(500);
          const res = await service.app.inject({
            method: "POST",
            url: post.replace("ID", id),
            payload: body.body,
            headers: { "content-type": body.contentType, cookie: chief.cookieHeader },
          });
          expect(res.statusCode, `${post} ${body.kind}`).toBeLessThan(500);
        },
      ),
      { seed: 1616, numRuns: 100 },
    );
    expect(await written()).toBe(before);
  }, 120_000);
});
