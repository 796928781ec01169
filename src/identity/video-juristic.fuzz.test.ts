import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  routeMatter,
  type SubmittedApplication,
  submitTestApplication,
  unitOfficer,
} from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery, textValue } from "../../test/fuzz-inputs.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import type { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { setVideoCallUrl } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { recordAction } from "../register/index.js";

/**
 * Seeded, bounded fuzzing of the identity call and delegation routes (ID-3, PD-7, FM-5) by a signed-in
 * officer with a valid CSRF token and by an applicant with a valid tracking token: never a 5xx, and a
 * refused request writes nothing (appointments, proofs, delegations, timeline, audit all unchanged).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number) =>
  fc.sample(arb, { seed, numRuns: runs(n) });

describe.each(testDialects())("identity calls and delegations under malformed input on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  let app: SubmittedApplication;
  let juristicMatter: string;
  const problems: string[] = [];
  /** Answers by status: most must come from the handlers, not from the guard (401, 403). */
  let statuses = new Map<number, number>();

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await setVideoCallUrl(service.handle, "demo", "https://meet.example.go.th/b-{appointment}", {
      clock,
      actor: "test",
    });
    const unit = await unitOfficer(service, clock, "fuzz.video@demo.go.th", ["reviewer"]);
    officer = unit.client;
    app = await submitTestApplication(service);
    await routeMatter(service, clock, app.matterId);
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: app.matterId },
      action: "start-review",
      payload: {},
      actor: { kind: "staff", staffId: unit.staff.id, roles: ["reviewer"] },
      at: clock.now(),
    });
    await officer.get(`/office/matters/${app.matterId}`);
    await officer.post(`/office/matters/${app.matterId}/identity/video/book`, {
      startsAt: "2026-12-08T10:00",
      duration: "30",
      version: "3",
    });
    const png = Buffer.from(makePng(1240, 1754)).toString("base64");
    const res = await service.app.inject({
      method: "POST",
      url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
      payload: {
        applicant: {
          type: "juristic",
          name: "บริษัท ฟัซ จำกัด",
          idNumber: "0105555123450",
          email: "fuzz.company@example.com",
          actingPerson: { name: "สมชาย ใจดี", idNumber: "3100500123458", position: "กรรมการ" },
        },
        answers: { shopName: "ร้าน", hasBranch: "no" },
        documents: [
          { documentId: "id-card", filename: "id.png", contentBase64: png },
          {
            documentId: "delegation",
            filename: "d.png",
            contentBase64: png,
            eStampReference: "ES-2569-000999",
          },
        ],
        signature: { name: "สมชาย ใจดี", confirmed: true },
        privacyNoticeVersion: "pn-1",
      },
    });
    if (res.statusCode !== 201) throw new Error(`not submitted: ${res.body}`);
    const receipt = (res.json() as { receiptNumber: string }).receiptNumber;
    juristicMatter = (
      await service.handle.db
        .selectFrom("entries")
        .select("matter_id")
        .where("receipt_number", "=", receipt)
        .executeTakeFirstOrThrow()
    ).matter_id;
    await routeMatter(service, clock, juristicMatter);
  }, 120_000);
  afterAll(() => service?.stop());

  const counts = async () => {
    const n = async (
      table: "video_appointments" | "identity_proofs" | "delegations" | "matter_actions" | "audit_events",
    ) =>
      Number(
        (
          await service.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [
      await n("identity_proofs"),
      await n("delegations"),
      await n("matter_actions"),
      await n("audit_events"),
    ].join(",");
  };
  const bookedCall = async () =>
    (
      await service.handle.db
        .selectFrom("video_appointments")
        .select(["id", "status"])
        .where("matter_id", "=", app.matterId)
        .execute()
    )
      .filter((c) => c.status === "booked")
      .map((c) => c.id)
      .join(",");

  /** Sends one request; a 5xx is a problem, and so is a refusal that changed anything. */
  async function send(what: string, request: InjectOptions) {
    const before = `${await counts()}|${await bookedCall()}`;
    const res = await service.app.inject(request);
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 500) problems.push(`${what} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    if (res.statusCode >= 400 && `${await counts()}|${await bookedCall()}` !== before)
      problems.push(`${what} → ${res.statusCode} but something was written`);
  }
  const office = (contentType: string) => ({
    accept: "text/html",
    cookie: officer.cookieHeader,
    "content-type": contentType,
  });
  /** The handlers answered (a redirect or a handler's refusal), not only the guard. */
  const reachedHandlers = () => {
    const handled = [...statuses]
      .filter(([code]) => code !== 401 && code !== 403)
      .reduce((n, [, c]) => n + c, 0);
    statuses = new Map();
    return handled;
  };
  /** "current" is replaced by the matter's version when sent, so that some forms are accepted. */
  const version = fc.oneof(
    { weight: 2, arbitrary: fc.constant("current") },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }).map(String) },
    { weight: 1, arbitrary: textValue },
  );
  const currentVersion = async (matterId: string) =>
    String(
      (
        await service.handle.db
          .selectFrom("matters")
          .select("version")
          .where("id", "=", matterId)
          .executeTakeFirstOrThrow()
      ).version,
    );

  it("ID-3: booking a call answers fuzzed forms with a 4xx, never a 5xx, and writes nothing when refused", {
    timeout: 180_000,
  }, async () => {
    const form = fc
      .record({
        startsAt: fc.oneof(
          fc.constantFrom("2026-12-09T10:00", "2026-12-01T10:00", "2027-13-01T10:00", "2026-12-09T24:00"),
          textValue,
        ),
        duration: fc.oneof(fc.constantFrom("15", "30", "7", "999"), textValue),
        version,
      })
      .map((fields) => ({ fields }));
    const cases = sample(
      fc.oneof({ weight: 3, arbitrary: form }, { weight: 1, arbitrary: fuzzBody([["_csrf", officer.csrf]]) }),
      1301,
      40,
    );
    for (const c of cases) {
      let body = "body" in c ? c : undefined;
      if ("fields" in c) {
        const v = c.fields.version === "current" ? await currentVersion(app.matterId) : c.fields.version;
        const form = new URLSearchParams({ _csrf: officer.csrf, ...c.fields, version: v });
        body = {
          kind: "form",
          contentType: "application/x-www-form-urlencoded",
          body: Buffer.from(form.toString()),
        };
      }
      await send("POST book", {
        method: "POST",
        url: `/office/matters/${app.matterId}/identity/video/book`,
        payload: body!.body,
        headers: office(body!.contentType),
      });
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect(statuses.get(303) ?? 0).toBeGreaterThan(0);
    expect(reachedHandlers()).toBeGreaterThan(cases.length / 2);
  });

  it("ID-3, PD-7: recording an outcome answers fuzzed multipart bodies and stills with a 4xx, never a 5xx", {
    timeout: 180_000,
  }, async () => {
    const heads = ["%PDF-1.4\n", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff\xe0", "MZ\x90\x00", "GIF89a", "plain"];
    const plausible = fc.record({
      outcome: fc.oneof(fc.constantFrom("proven", "refused", "missed"), textValue),
      version,
      appointment: fc.oneof(fc.constant("booked"), textValue),
      note: textValue,
      head: fc.option(fc.constantFrom(...heads)),
    });
    const cases = sample(
      fc.oneof(
        { weight: 3, arbitrary: plausible },
        { weight: 1, arbitrary: fuzzBody([["_csrf", officer.csrf]]) },
      ),
      1302,
      40,
    );
    for (const c of cases) {
      let payload: Buffer;
      let contentType: string;
      if ("body" in c) ({ body: payload, contentType } = c);
      else {
        const appointment =
          c.appointment === "booked" ? ((await bookedCall()).split(",")[0] ?? "") : c.appointment;
        const files =
          c.head === null
            ? []
            : [
                {
                  field: "still",
                  filename: "s.png",
                  bytes: Buffer.concat([Buffer.from(c.head, "latin1"), Buffer.alloc(64, 1)]),
                },
              ];
        const fields = {
          _csrf: officer.csrf,
          outcome: c.outcome,
          version: c.version === "current" ? await currentVersion(app.matterId) : c.version,
          appointment,
          note: c.note.slice(0, 5000),
        };
        const body = await multipartBody(fields, files);
        payload = body.payload;
        contentType = body.headers["content-type"]!;
      }
      await send("POST outcome", {
        method: "POST",
        url: `/office/matters/${app.matterId}/identity/video/outcome`,
        payload,
        headers: office(contentType),
      });
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect(reachedHandlers()).toBeGreaterThan(cases.length / 2);
  });

  it("FM-5: verifying a delegation answers fuzzed forms with a 4xx, never a 5xx", {
    timeout: 180_000,
  }, async () => {
    const form = fc
      .record({
        outcome: fc.oneof(fc.constantFrom("verified", "refused"), textValue),
        validUntil: fc.oneof(
          fc.constantFrom("2027-06-30", "2026-01-01", "2099-01-01", "2027-02-29"),
          textValue,
        ),
        note: textValue,
      })
      .map((f) => ({
        contentType: "application/x-www-form-urlencoded",
        body: Buffer.from(new URLSearchParams({ _csrf: officer.csrf, ...f }).toString()),
      }));
    const cases = sample(
      fc.oneof({ weight: 3, arbitrary: form }, { weight: 1, arbitrary: fuzzBody([["_csrf", officer.csrf]]) }),
      1303,
      40,
    );
    for (const c of cases)
      await send("POST verify", {
        method: "POST",
        url: `/office/matters/${juristicMatter}/identity/delegation/verify`,
        payload: c.body,
        headers: office(c.contentType),
      });
    expect(problems, problems.join("\n")).toEqual([]);
    expect(reachedHandlers()).toBeGreaterThan(cases.length / 2);
  });

  it("ID-3, PD-7: the applicant's call page and consent answer fuzzed tokens, queries and bodies with a 4xx", {
    timeout: 180_000,
  }, async () => {
    const base = `/requests/${app.beYear}/${app.sequence}/identity/call`;
    const cases = sample(
      fc.record({
        token: fc.oneof(fc.constant(app.token), textValue),
        query: fuzzQuery,
        body: fuzzBody([["_csrf", "x"]]),
      }),
      1304,
      40,
    );
    for (const c of cases) {
      const q = `?t=${encodeURIComponent(c.token.slice(0, 300))}&${c.query}`;
      await send("GET call page", { url: `${base}${q}` });
      await send("POST consent", {
        method: "POST",
        url: `${base}/consent${q}`,
        payload: c.body.body,
        headers: { "content-type": c.body.contentType },
      });
      await send("GET still", {
        url: `/office/matters/${app.matterId}/identity/video/${encodeURIComponent(c.token.slice(0, 100))}/still`,
        headers: { cookie: officer.cookieHeader },
      });
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
