import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody } from "../../test/fuzz-inputs.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { findEntryByNumber, listMatterQueue, recordAction } from "../register/index.js";
import { LICENCE_DATA_REQUEST_SUBJECT, LICENCE_REQUESTS_PER_HOUR } from "./submit-licence-data-request.js";

// Monday 7 December 2026, 10:00 Bangkok.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

const request = {
  name: "นายสมชาย ใจดี",
  email: "somchai.lc4@example.com",
  phone: "",
  licence: "ทส. 1/2569 ร้านอาหารใจดี",
  need: "ขอทราบวันหมดอายุและเงื่อนไขของใบอนุญาต",
  confirmed: "yes",
  lang: "th",
};

describe.each(testDialects())("requests for licence data (%s)", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  async function formToken(prefix = "", ip = "192.0.2.1") {
    const form = await service.app.inject({ url: `${prefix}/licences/request`, remoteAddress: ip });
    expect(form.statusCode).toBe(200);
    return /name="form_token" value="([^"]+)"/.exec(form.body)?.[1] ?? "missing";
  }
  const post = (fields: Record<string, string>, ip = "192.0.2.1", prefix = "") =>
    service.app.inject({
      method: "POST",
      url: `${prefix}/licences/request`,
      payload: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      remoteAddress: ip,
    });
  const requestsCount = async () =>
    Number(
      (
        await service.handle.db
          .selectFrom("entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("idempotency_key", "like", "form:licence-request:%")
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("LC-4, PR-2: the form says the register is already public and links to it, and still takes the request", async () => {
    const form = await service.app.inject({ url: "/licences/request" });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-register="published"');
    expect(form.body).toContain('href="/licences"');
    expect(form.body).toContain("ไม่มีค่าใช้จ่าย");
    const shared = await service.app.inject({ url: "/a/demo/licences/request" });
    expect(shared.body).toContain('href="/a/demo/licences"');
    expect(shared.body).toContain('action="/a/demo/licences/request"');
  });

  it("LC-4, RG-1, TR-1: a request is registered as a general request due in 3 calendar days, acknowledged, and its tracking page shows the receipt number", async () => {
    const res = await post({ ...request, form_token: await formToken() });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    const [, beYear, sequence] = /^\/requests\/(\d+)\/(\d+)\?t=[\w-]+&new=1/.exec(location) ?? [];
    const entry = (await findEntryByNumber(service.handle.db, "demo", Number(beYear), Number(sequence)))!;
    expect(entry.subject).toBe(LICENCE_DATA_REQUEST_SUBJECT);
    expect(entry.body).toContain("ทส. 1/2569 ร้านอาหารใจดี");
    const page = await service.app.inject({ url: location });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(entry.receiptNumber);
    const matter = await service.handle.db
      .selectFrom("matters")
      .selectAll()
      .where("id", "=", entry.matterId)
      .executeTakeFirstOrThrow();
    expect(matter.kind).toBe("general");
    expect(JSON.parse(matter.time_limit ?? "null")).toEqual({ amount: 3, dayKind: "calendar" });
    // Three calendar days from the working start, to the close of the third day (the workflow's count).
    const span = new Date(matter.due_at ?? "").getTime() - new Date(matter.clock_start ?? "").getTime();
    expect(span).toBeGreaterThanOrEqual(3 * DAY);
    expect(span).toBeLessThan(4 * DAY);
    // CH-4: acknowledged by email, with its receipt number.
    const ack = await service.handle.db
      .selectFrom("outbox")
      .select("kind")
      .where("entry_id", "=", entry.id)
      .execute();
    expect(ack.map((m) => m.kind)).toContain("acknowledgement");

    // RV-6: overdue after its 3 days like any deadline; answered, it is off the list.
    const queue = async (at: Date) =>
      (
        await listMatterQueue(
          service.handle.db,
          { agencyId: "demo", view: "overdue", staffId: "x", now: at, atRiskBefore: at },
          { limit: 500 },
        )
      ).matters.map((m) => m.id);
    const dueAt = new Date(matter.due_at ?? "");
    expect(await queue(new Date(dueAt.getTime() - 60_000))).not.toContain(entry.matterId);
    expect(await queue(new Date(dueAt.getTime() + 60_000))).toContain(entry.matterId);
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId: entry.matterId },
      action: "answer",
      payload: {},
      actor: { kind: "staff", staffId: "test-officer", roles: ["saraban_officer"] },
      at: clock.now(),
    });
    expect(await queue(new Date(dueAt.getTime() + 60_000))).not.toContain(entry.matterId);
  });

  it("LC-4: a double submit gives one receipt; the token reused for other text, a forged or missing token, bad fields are 4xx and register nothing", async () => {
    const token = await formToken();
    const first = await post({ ...request, form_token: token });
    const again = await post({ ...request, form_token: token });
    expect(again.headers.location).toBe(first.headers.location);
    const before = await requestsCount();
    const reused = await post({ ...request, need: "อย่างอื่น", form_token: token });
    expect(reused.statusCode).toBe(409);
    expect(reused.body).toContain('data-code="FORM_ALREADY_SUBMITTED"');
    const [nonce] = token.split(".");
    for (const [fields, status, code] of [
      [{ ...request, form_token: "" }, 400, "FORM_TOKEN_MISSING"],
      [{ ...request, form_token: `${nonce}.forged` }, 400, "FORM_TOKEN_MISSING"],
      [{ ...request, form_token: await formToken(), need: "" }, 400, "VALIDATION_FAILED"],
      [{ ...request, form_token: await formToken(), email: "", phone: "" }, 400, "CONTACT_REQUIRED"],
      [{ ...request, form_token: await formToken(), phone: "12" }, 400, "PHONE_INVALID"],
      [{ ...request, form_token: await formToken(), confirmed: "" }, 400, "CONFIRMATION_REQUIRED"],
    ] as const) {
      const res = await post(fields);
      expect([res.statusCode, res.body.includes(`data-code="${code}"`)]).toEqual([status, true]);
      // The form comes back with what was typed.
      expect(res.body).toContain("ร้านอาหารใจดี");
    }
    expect(await requestsCount()).toBe(before);
  });

  it(`LC-4: one address may send ${LICENCE_REQUESTS_PER_HOUR.max} requests an hour; the next is refused (429) and not registered`, async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < LICENCE_REQUESTS_PER_HOUR.max; i++) {
      const res = await post({ ...request, need: `ข้อ ${i}`, form_token: await formToken("", ip) }, ip);
      expect(res.statusCode).toBe(303);
    }
    const before = await requestsCount();
    const refused = await post({ ...request, form_token: await formToken("", ip) }, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('data-code="LICENCE_REQUESTS_TOO_MANY"');
    expect(await requestsCount()).toBe(before);
    // Another address is not held back.
    expect((await post({ ...request, form_token: await formToken() }, "198.51.100.8")).statusCode).toBe(303);
  }, 120_000);

  it("LC-4: bad input to the request form is a 4xx, never a 5xx, and registers nothing half-way (seeded fuzz)", async () => {
    const token = await formToken();
    const failures: string[] = [];
    let registered = 0;
    const before = await requestsCount();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/licences/request", "/a/demo/licences/request"),
        fuzzBody([["form_token", token]]),
        fc.integer({ min: 1, max: 250 }),
        async (url, body, n) => {
          const res = await service.app.inject({
            method: "POST",
            url,
            payload: body.body,
            headers: { "content-type": body.contentType },
            remoteAddress: `203.0.113.${n}`,
          });
          if (res.statusCode >= 500)
            failures.push(`${url} ${body.kind} ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (res.statusCode === 303) registered++;
          else if (res.statusCode < 400) failures.push(`${url} ${body.kind} ${res.statusCode}`);
        },
      ),
      { seed: 1515, numRuns: 80 },
    );
    expect(failures).toEqual([]);
    // A 303 is a request registered (or the first one replayed); nothing else was written.
    expect(await requestsCount()).toBeLessThanOrEqual(before + registered);
  }, 120_000);
});
