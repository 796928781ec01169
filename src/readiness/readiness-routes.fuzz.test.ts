import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { SURVEY_ITEMS } from "./survey.js";

const clock = fixedClock("2026-12-15T03:00:00.000Z");
const valid = Object.fromEntries(SURVEY_ITEMS.map((i) => [`answer.${i.id}`, "have"]));
const keys = [...SURVEY_ITEMS.flatMap((i) => [`answer.${i.id}`, `note.${i.id}`]), "answer.fax", "note."];

describe.each(testDialects())("readiness routes under fuzzed input on %s", (dialect) => {
  let service: TestService;
  let head: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    head = await signedInOfficer(service.app, service.handle, clock, "demo", "head.fuzz@demo.go.th", [
      "head_of_agency",
    ]).then((o) => o.client);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const saved = async () =>
    (await service.handle.db.selectFrom("readiness_assessments").select("id").execute()).length;

  it("RD-1: no 5xx from fuzzed answers, ids and bodies; a refused answer writes nothing", async () => {
    // A valid survey with one or two fields broken (wrong value, long note, unknown item, repeated).
    const mutated = fc
      .array(fc.tuple(fc.constantFrom(...keys), fc.oneof(textValue, fc.constant("x".repeat(1001)))), {
        minLength: 1,
        maxLength: 2,
      })
      .map((edits) => {
        const body = new URLSearchParams({ _csrf: head.csrf, ...valid });
        for (const [k, v] of edits)
          if (k.endsWith("webboard")) body.append(k, v);
          else body.set(k, v);
        return {
          kind: "survey",
          contentType: "application/x-www-form-urlencoded",
          body: Buffer.from(body.toString()),
        };
      });
    const idLike = fc.oneof(
      textValue.map((v) => encodeURIComponent(v.slice(0, 100))),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fuzzBody([["_csrf", head.csrf]])), idLike, async (body, id) => {
        for (const url of [`/office/readiness/${id}`, `/office/readiness/${id}.pdf`]) {
          const res = await head.get(url);
          expect(res.statusCode, url).toBeLessThan(500);
        }
        const before = await saved();
        const res = await service.app.inject({
          method: "POST",
          url: "/office/readiness",
          payload: body.body,
          headers: { "content-type": body.contentType, cookie: head.cookieHeader },
        });
        expect(res.statusCode, body.kind).toBeLessThan(500);
        // Only a fully valid survey is saved (303); anything refused leaves the history as it was.
        expect(await saved()).toBe(res.statusCode === 303 ? before + 1 : before);
      }),
      { seed: 1717, numRuns: 150 },
    );
  }, 180_000);
});
