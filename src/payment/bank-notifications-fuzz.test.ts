import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { findDefaultAccount } from "./accounts.repo.js";
import { signNotification } from "./bank-signature.js";
import type { PaymentNotice } from "./notice.js";
import { generateCallbackSecret } from "./save-payment-account.js";

const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const URL = "/api/v1/payments/bank-notifications";

/** What a broken or hostile sender might put in a field instead of its value. */
const junk = fc.oneof(
  fc.constant<unknown>(undefined),
  fc.constant<unknown>(null),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom<unknown>(
    "",
    " ",
    "0",
    "-1",
    "1e3",
    "100.001",
    "１００",
    "2026-13-40T99:99:99+07:00",
    ["x"],
    {},
  ),
  fc.string({ unit: "grapheme", maxLength: 200 }),
);
const FIELDS = [
  "billerId",
  "transactionId",
  "transactionDateTime",
  "amount",
  "reference1",
  "reference2",
  "payerName",
];

describe.each(testDialects())("bank notification fuzz on %s", (dialect) => {
  let service: TestService;
  let secret: string;
  let notices: PaymentNotice[];
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const account = await findDefaultAccount(service.handle.db, "demo");
    secret = await generateCallbackSecret(service.handle, "demo", account!.id, {
      actor: "test",
      at: clock.now(),
    });
    notices = [];
    for (let i = 0; i < 3; i++) notices.push((await matterAwaitingPayment(service, clock)).notice);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-4, SC-2: random bodies and headers get 200, 400, 401, 413 or 415 — never 5xx, nothing paid twice or half-written", {
    timeout: 180_000,
  }, async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            ref1: fc.constantFrom(...notices.map((n) => n.ref1), "99000000001"),
            amount: fc.constantFrom("100.00", "100", "99.99"),
            // None, one or two fields spoilt; the rest as a bank sends them.
            spoilt: fc.array(fc.record({ field: fc.constantFrom(...FIELDS, "extra"), value: junk }), {
              maxLength: 2,
            }),
          })
          .map(({ ref1, amount, spoilt }) => {
            const o: Record<string, unknown> = {
              billerId: "099999999999990",
              transactionId: "TXN",
              transactionDateTime: "2026-12-07T09:59:00+07:00",
              amount,
              reference1: ref1,
              reference2: "",
              payerName: "สมชาย ใจดี",
            };
            for (const { field, value } of spoilt) o[field] = value;
            return o;
          })
          .map((o) => Buffer.from(JSON.stringify(o), "utf8")),
      },
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.json().map((j) => Buffer.from(j, "utf8")),
    );
    const cases = fc.sample(
      fc.record({
        body,
        txn: fc.constantFrom("A1", "A2", "A3", "B1"),
        signing: fc.constantFrom("right", "right", "wrong-secret", "none", "stale", "garbage"),
        contentType: fc.constantFrom(
          "application/json",
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
        ),
      }),
      { seed: 1414, numRuns: Math.max(1, Math.round(250 * SCALE)) },
    );
    const statuses = new Map<number, number>();
    for (const c of cases) {
      // Make bodies that name a transaction share ids, so that retries and clashes happen.
      const text = c.body.toString("utf8").replace('"TXN"', `"${c.txn}"`);
      const payload = Buffer.from(text, "utf8");
      const now = Math.floor(clock.now().getTime() / 1000);
      const ts = String(c.signing === "stale" ? now - 3600 : now);
      const headers: Record<string, string> = { "content-type": c.contentType, "x-timestamp": ts };
      if (c.signing === "right" || c.signing === "stale")
        headers["x-signature"] = signNotification(secret, ts, payload);
      if (c.signing === "wrong-secret") headers["x-signature"] = signNotification("guess", ts, payload);
      if (c.signing === "garbage") headers["x-signature"] = "sha256=zz";
      const res = await service.app.inject({ method: "POST", url: URL, payload, headers });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect([200, 400, 401, 413, 415], `${res.statusCode} ${res.body.slice(0, 200)}`).toContain(
        res.statusCode,
      );
      if (res.statusCode === 200) expect(JSON.parse(res.body)).toMatchObject({ resCode: "00" });
    }
    // Some of them did get through to the reading of the fields and to the payment.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(0);
    const db = service.handle.db;
    let paid = 0;
    for (const notice of notices) {
      const payments = await db
        .selectFrom("payments")
        .select("id")
        .where("notice_id", "=", notice.id)
        .execute();
      const receipts = await db
        .selectFrom("e_receipts")
        .select("id")
        .where("notice_id", "=", notice.id)
        .execute();
      expect(payments.length).toBeLessThanOrEqual(1);
      expect(receipts).toHaveLength(payments.length);
      paid += payments.length;
    }
    expect(paid).toBeGreaterThan(0);
    // Every accepted notification that recorded a payment points at a real one; none is left "recorded" without.
    const recorded = await db
      .selectFrom("bank_notifications")
      .select(["payment_id"])
      .where("outcome", "=", "recorded")
      .execute();
    expect(recorded.every((r) => r.payment_id !== null)).toBe(true);
    const healthy = await service.app.inject({ url: "/healthz" });
    expect(healthy.statusCode).toBe(200);
  });
});
