import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";

const NOW = "2026-12-08T03:00:00.000Z"; // Tuesday 10:00 in Bangkok (Monday 7th is a holiday)
const URL = `/api/v1/services/${TEST_SERVICE.code}/applications`;
const ID_PNG = Buffer.from(makePng(1012, 638)).toString("base64");
const body = () => ({
  applicant: { type: "person", name: "สมหญิง รักดี", idNumber: "1101700230708", email: "somying@example.com" },
  answers: { shopName: "ร้านข้าวแกง", hasBranch: "yes", branchName: "สาขาหนึ่ง" },
  documents: [{ documentId: "id-card", filename: "id.png", contentBase64: ID_PNG }],
  signature: { name: "สมหญิง รักดี", confirmed: true },
  privacyNoticeVersion: "pn-1",
});

describe.each(testDialects())("POST /api/v1/services/{code}/applications on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  });
  afterAll(async () => service?.stop());

  const api = (payload: unknown, headers: Record<string, string> = {}, url = URL) =>
    service.app.inject({ method: "POST", url, payload: payload as object, headers });
  const counts = async () =>
    Promise.all(
      (
        ["entries", "applications", "application_documents", "attachments", "outbox", "audit_events"] as const
      ).map(async (table) =>
        Number(
          (
            await service.handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );

  it("FM-1, CH-11: answers 201 with the receipt, the application and the version; the key replays it", async () => {
    const res = await api(body(), { "idempotency-key": "api-key-0001" });
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ receivedAt: NOW, serviceVersion: 1, workingStart: NOW });
    expect(receipt.receiptNumber).toMatch(/^\d+\/2569$/);
    expect(receipt.acknowledgeBy).toBe("2026-12-08T09:30:00.000Z");
    const again = await api(body(), { "idempotency-key": "api-key-0001" });
    expect(again.statusCode).toBe(200);
    expect(again.json().applicationId).toBe(receipt.applicationId);
    const other = await api(
      { ...body(), privacyNoticeVersion: "pn-2" },
      { "idempotency-key": "api-key-0001" },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("FM-2: multipart: the JSON in `application` and one file part per document", async () => {
    const { documents: _, ...rest } = body();
    const form = await multipartBody(
      {
        application: JSON.stringify({ ...rest, documents: [{ documentId: "id-card", filename: "id.png" }] }),
      },
      [{ field: "file", filename: "id.png", bytes: makePng(1012, 638) }],
    );
    const res = await api(form.payload, form.headers);
    expect(res.statusCode).toBe(201);
  });

  it("LF-2: invalid data is a 422 with one error per field, and nothing is written", async () => {
    const before = await counts();
    const bad = body();
    bad.applicant.idNumber = "1234567890123";
    bad.answers = { shopName: "", hasBranch: "maybe" } as never;
    const res = await api(bad);
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.details.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(["applicant.idNumber", "answers.shopName", "answers.hasBranch"]),
    );
    const shape = await api({ ...body(), signature: { name: "x", confirmed: "yes" }, extra: 1 });
    expect(shape.statusCode).toBe(422);
    expect(shape.json().error.details.errors.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it("FM-6: a service asking a one-time code is refused over the API with a stable code", async () => {
    await publishTestService(service, { ...TEST_SERVICE, code: "otp-service", signature: { otp: "sms" } });
    const res = await api(body(), {}, "/api/v1/services/otp-service/applications");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("SIGNATURE_OTP_REQUIRED");
    expect((await api(body(), {}, "/api/v1/services/no-such/applications")).json().error.code).toBe(
      "SERVICE_NOT_FOUND",
    );
  });

  it("the OpenAPI document has the route", async () => {
    const doc = (await service.app.inject({ url: "/docs/json" })).json();
    expect(doc.paths["/api/v1/services/{code}/applications"]?.post?.summary).toMatch(/Apply/);
  });

  it("bad input (seeded, bounded): never a 5xx, and a refused request writes nothing", async () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("__proto__", "a", "type", "constructor"), fc.string({ maxLength: 5 })),
      fc.constant("x".repeat(300_000)),
      fc.constantFrom("0105555123450", "1101700230709", "a\u0000b", "\uD800", "<script>", "../../x"),
    );
    const paths = [
      ["applicant"],
      ["applicant", "type"],
      ["applicant", "idNumber"],
      ["applicant", "email"],
      ["applicant", "actingPerson"],
      ["answers"],
      ["answers", "shopName"],
      ["answers", "hasBranch"],
      ["answers", "openedOn"],
      ["answers", "unknown"],
      ["documents"],
      ["documents", "0", "documentId"],
      ["documents", "0", "contentBase64"],
      ["documents", "0", "filename"],
      ["signature"],
      ["signature", "name"],
      ["signature", "confirmed"],
      ["language"],
    ];
    const cases = fc.sample(
      fc.record({
        edits: fc.array(fc.tuple(fc.constantFrom(...paths), junk), { minLength: 1, maxLength: 3 }),
      }),
      { seed: 1107, numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
    for (const { edits } of cases) {
      const payload = body() as Record<string, unknown>;
      for (const [path, value] of edits) {
        let target = payload as Record<string, unknown>;
        for (const key of path.slice(0, -1)) {
          const next = target[key];
          if (typeof next !== "object" || next === null) break;
          target = next as Record<string, unknown>;
        }
        target[path.at(-1)!] = value;
      }
      const before = await counts();
      const res = await api(payload);
      expect(res.statusCode, JSON.stringify(edits).slice(0, 300)).toBeLessThan(500);
      if (res.statusCode >= 400) expect(await counts()).toEqual(before);
    }
  });
});
