import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, lineEnv } from "../../test/line-webhook.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("broadcast routes under fuzzed input on %s", (dialect) => {
  let service: TestService;
  let line: FakeLine;
  let chief: OfficeClient;
  let id = "";
  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, env: lineEnv(line) });
    await connectLine(service, line, clock.now());
    const writer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "w@demo.go.th", ["saraban_officer"])
    ).client;
    await writer.get("/office/broadcasts/new");
    const made = await writer.post("/office/broadcasts", { title: "t", textTh: "ข้อความ", textEn: "" });
    id = /([0-9a-f-]{36})$/.exec(String(made.headers.location))?.[1] ?? "";
    await writer.get(`/office/broadcasts/${id}`);
    await writer.post(`/office/broadcasts/${id}/submit`, {});
    chief = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "c@demo.go.th", ["supervisor"])
    ).client;
    await stepUp(chief, clock);
    await chief.get("/office/broadcasts");
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  const written = async () => {
    const db = service.handle.db;
    const [rows, events] = await Promise.all([
      db.selectFrom("broadcasts").select(["id", "status", "version"]).execute(),
      db.selectFrom("broadcast_events").select("id").execute(),
    ]);
    return JSON.stringify({ rows, events: events.length });
  };

  it("CH-10: no 5xx from fuzzed ids and bodies; rejected input writes nothing and LINE receives nothing", async () => {
    const before = await written();
    const idLike = fc.oneof(
      textValue.map((v) => encodeURIComponent(v.slice(0, 100))),
      fc.uuid(),
    );
    await fc.assert(
      fc.asyncProperty(
        idLike,
        fuzzBody([["_csrf", chief.csrf]]),
        fc.constantFrom("", "/edit", "/submit", "/approve", "/return", "/send", "/cancel"),
        async (someId, body, act) => {
          const page = await chief.get(`/office/broadcasts/${someId}`);
          expect(page.statusCode).toBeLessThan(500);
          // The real broadcast's acts, with fuzzed bodies: only a well-formed body could change it.
          for (const target of [someId, id]) {
            const url = act === "" ? "/office/broadcasts" : `/office/broadcasts/${target}${act}`;
            const res = await service.app.inject({
              method: "POST",
              url,
              payload: body.body,
              headers: { "content-type": body.contentType, cookie: chief.cookieHeader, accept: "text/html" },
            });
            expect(res.statusCode, `${url} ${body.kind}`).toBeLessThan(500);
            if (res.statusCode < 400 && res.statusCode !== 303)
              throw new Error(`unexpected ${res.statusCode}`);
          }
        },
      ),
      { seed: 1717, numRuns: 150 },
    );
    // A fuzzed body never carries a valid version, title and Thai text together: nothing was written.
    expect(await written()).toBe(before);
    expect(line.broadcasts).toHaveLength(0);
  }, 180_000);
});
