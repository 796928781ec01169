import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("data-subject request routes under fuzzed input on %s", (dialect) => {
  let service: TestService;
  let chief: OfficeClient;
  /** Signed in by an email code only: every request of theirs is refused (identity unverified). */
  let citizen: TestCitizen;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    chief = await signedInChief(service, clock);
    citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "fuzz@example.com",
    });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const written = async () => {
    const db = service.handle.db;
    const [requests, entries] = await Promise.all([
      db.selectFrom("data_subject_requests").select("id").execute(),
      db.selectFrom("entries").select("id").execute(),
    ]);
    return requests.length + entries.length;
  };

  it("PD-3: no 5xx from fuzzed ids and bodies on the citizen's and the office's routes; nothing written", async () => {
    const before = await written();
    const idLike = fc.oneof(
      textValue.map((v) => encodeURIComponent(v.slice(0, 100)) || "x"),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(
        idLike,
        fuzzBody([["_csrf", chief.csrf]]),
        fuzzBody([["_csrf", citizen.csrfToken]]),
        fc.constantFrom("/office/privacy/requests/turn", "/office/privacy/requests/ID/decide"),
        async (id, officeBody, citizenBody, post) => {
          for (const url of [`/account/privacy-requests/${id}/export`, "/account/privacy-requests"]) {
            const res = await citizen.client.get(url);
            expect(res.statusCode, url).toBeLessThan(500);
          }
          const mine = await service.app.inject({
            method: "POST",
            url: "/account/privacy-requests",
            payload: citizenBody.body,
            headers: { "content-type": citizenBody.contentType, cookie: citizen.client.cookieHeader },
          });
          expect(mine.statusCode, `citizen ${citizenBody.kind}`).toBeLessThan(500);
          const res = await service.app.inject({
            method: "POST",
            url: post.replace("ID", id),
            payload: officeBody.body,
            headers: { "content-type": officeBody.contentType, cookie: chief.cookieHeader },
          });
          expect(res.statusCode, `${post} ${officeBody.kind}`).toBeLessThan(500);
        },
      ),
      { seed: 1730, numRuns: 100 },
    );
    expect(await written()).toBe(before);
  }, 180_000);
});
