import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BankCallback, LocalBank, startFlakyFront } from "../../test/bank-server.js";
import { testDialects } from "../../test/db.js";
import { signedInOfficer } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter } from "../register/index.js";
import { findDefaultAccount } from "./accounts.repo.js";
import { listUnresolvedNotifications } from "./bank-notifications.repo.js";
import type { PaymentNotice } from "./notice.js";
import { recordPayment } from "./record-payment.js";
import { generateCallbackSecret } from "./save-payment-account.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const BILLER = "099999999999990";
let txn = 0;

const callbackFor = (notice: PaymentNotice, over: Partial<BankCallback> = {}): BankCallback => ({
  billerId: BILLER,
  transactionId: `KTB${Date.now()}${++txn}`,
  transactionDateTime: "2026-12-07T09:59:00+07:00",
  amount: "100.00",
  reference1: notice.ref1,
  reference2: null,
  payerName: "สมชาย ใจดี",
  payerBank: "004",
  channel: "MOBILE",
  ...over,
});

describe.each(testDialects())("the bank's payment notification on %s", (dialect) => {
  let service: TestService;
  let bank: LocalBank;
  let url: string;
  let secret: string;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const account = await findDefaultAccount(service.handle.db, "demo");
    secret = await generateCallbackSecret(service.handle, "demo", account!.id, {
      actor: "test",
      at: clock.now(),
    });
    await service.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = service.app.server.address() as AddressInfo;
    url = `http://127.0.0.1:${port}/api/v1/payments/bank-notifications`;
    bank = new LocalBank({ url, secret, now: () => clock.now() });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const db = () => service.handle.db;
  const paymentsOf = (noticeId: string) =>
    db().selectFrom("payments").selectAll().where("notice_id", "=", noticeId).execute();
  const receiptsOf = (noticeId: string) =>
    db().selectFrom("e_receipts").selectAll().where("notice_id", "=", noticeId).execute();
  const matterStatus = async (matterId: string) => (await findMatter(db(), "demo", matterId))?.status;

  it("PY-4: a valid callback is acknowledged, pays the notice once, moves the matter and makes one e-receipt row", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const delivery = await bank.send(callbackFor(notice));
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.final.status).toBe(200);
    expect(delivery.final.body).toMatchObject({ resCode: "00", resDesc: "success" });
    const confirmId = String(delivery.final.body?.confirmId);
    const payments = await paymentsOf(notice.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ source: "callback", evidence: `callback:${confirmId}` });
    expect(payments[0]?.bank_reference).toBe(delivery.callback.transactionId);
    expect(await receiptsOf(notice.id)).toHaveLength(1);
    expect(await matterStatus(application.matterId)).toBe("paid");
    const row = await db()
      .selectFrom("bank_notifications")
      .selectAll()
      .where("id", "=", confirmId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      outcome: "recorded",
      payment_id: payments[0]?.id,
      signature_ok: 1,
      payer_name: "สมชาย ใจดี",
    });
    // SC-2: the payer's name and the raw body are sealed at rest.
    const rawRow = await db()
      .withoutPlugins()
      .selectFrom("bank_notifications")
      .select(["payer_name", "raw_body"])
      .where("id", "=", confirmId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(rawRow)).not.toContain("สมชาย");
  });

  it("PY-4: the same callback five times at once and once more later: one payment, one receipt, the same confirmId", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const callback = callbackFor(notice);
    const deliveries = await bank.duplicate(callback, 5);
    deliveries.push(await bank.send(callback));
    expect(deliveries.map((d) => d.final.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(deliveries.map((d) => d.final.body?.confirmId)).size).toBe(1);
    expect(await paymentsOf(notice.id)).toHaveLength(1);
    expect(await receiptsOf(notice.id)).toHaveLength(1);
    const rows = await db()
      .selectFrom("bank_notifications")
      .select(["outcome"])
      .where("transaction_id", "=", callback.transactionId)
      .execute();
    expect(rows.map((r) => r.outcome).sort()).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
      "recorded",
    ]);
  });

  it("PY-4: callbacks out of order (the second notice's first) pay both", async () => {
    const first = await matterAwaitingPayment(service, clock);
    const second = await matterAwaitingPayment(service, clock);
    const deliveries = await bank.sendOutOfOrder([callbackFor(first.notice), callbackFor(second.notice)]);
    expect(deliveries.map((d) => d.final.status)).toEqual([200, 200]);
    expect(await paymentsOf(first.notice.id)).toHaveLength(1);
    expect(await paymentsOf(second.notice.id)).toHaveLength(1);
    expect(await matterStatus(first.application.matterId)).toBe("paid");
    expect(await matterStatus(second.application.matterId)).toBe("paid");
  });

  it("PY-4, SC-2: a bad signature or a stale timestamp is refused 401, stored as bad-signature, and pays nothing", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const forged = new LocalBank({
      url,
      secret: "not-the-secret",
      now: () => clock.now(),
      maxAttempts: 2,
      backoffMs: 1,
    });
    const callback = callbackFor(notice);
    const delivery = await forged.send(callback);
    expect(delivery.attempts.map((a) => a.status)).toEqual([401, 401]);
    expect(delivery.final.body).toMatchObject({
      resCode: "01",
      error: { code: "PAYMENT_CALLBACK_SIGNATURE_INVALID" },
    });
    const stale = await new LocalBank({
      url,
      secret,
      now: () => new Date(clock.now().getTime() - 6 * 60_000),
      maxAttempts: 1,
    }).send(callback);
    expect(stale.final.status).toBe(401);
    // An account the agency has not set up for callbacks: nothing can verify it, and the answer says so.
    const unconfigured = await new LocalBank({ url, secret, now: () => clock.now(), maxAttempts: 1 }).send({
      ...callback,
      billerId: "0994000999999",
    });
    expect(unconfigured.final).toMatchObject({
      status: 401,
      body: { resCode: "01", error: { code: "PAYMENT_CALLBACK_NOT_CONFIGURED" } },
    });
    expect(await paymentsOf(notice.id)).toEqual([]);
    expect(await matterStatus(application.matterId)).toBe("awaiting_payment");
    const refused = await db()
      .selectFrom("bank_notifications")
      .selectAll()
      .where("outcome", "=", "bad-signature")
      .orderBy("received_at", "desc")
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(4);
    // Not proved to be the bank's: none of its claims is kept as a fact.
    for (const row of refused)
      expect([row.ref1, row.amount_satang, row.transaction_id, row.payer_name]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    expect(refused.some((r) => r.raw_body.includes(notice.ref1))).toBe(true);
  });

  it("PY-4: an unknown Ref1 or a different amount is acknowledged (the bank took the money) but pays nothing and is listed unresolved", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const unknown = await bank.send(callbackFor(notice, { reference1: "99000000001" }));
    const short = await bank.send(callbackFor(notice, { amount: "99.99" }));
    expect([unknown.final.status, short.final.status]).toEqual([200, 200]);
    expect(await paymentsOf(notice.id)).toEqual([]);
    expect(await matterStatus(application.matterId)).toBe("awaiting_payment");
    const unresolved = await listUnresolvedNotifications(db(), "demo");
    const mine = unresolved.filter((u) => [unknown, short].some((d) => d.final.body?.confirmId === u.id));
    expect(mine.map((u) => u.outcome).sort()).toEqual(["amount-differs", "unknown-reference"]);
    expect(mine.find((u) => u.outcome === "amount-differs")?.amountSatang).toBe(9_999);
    // Another agency sees none of them.
    expect(await listUnresolvedNotifications(db(), "other-agency")).toEqual([]);
  });

  it("PY-3, PY-4: the finance officer sees money that paid no notice in the queue and settles it with a reason, once", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const sent = await bank.send(
      callbackFor(notice, { reference1: "99000000002", transactionId: "TX-SETTLE" }),
    );
    const id = sent.final.body?.confirmId as string;
    const { client: finance } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "settle@demo.go.th",
      ["finance_officer"],
    );
    const queue = await finance.get("/office/finance/reconciliation");
    expect(queue.body).toContain(`data-notification="${id}"`);
    const settle = (reason: string) =>
      finance.app.inject({
        method: "POST",
        url: `/office/finance/reconciliation/notifications/${id}/settle`,
        payload: new URLSearchParams({ _csrf: finance.csrf, reason }).toString(),
        headers: {
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
          cookie: finance.cookieHeader,
        },
      });
    expect((await settle("  ")).json().error.code).toBe("STATEMENT_REASON_REQUIRED");
    expect((await settle("คืนเงินให้ผู้ชำระแล้ว")).statusCode).toBe(200);
    expect((await settle("again")).statusCode).toBe(404);
    expect((await finance.get("/office/finance/reconciliation")).body).not.toContain(
      `data-notification="${id}"`,
    );
    const row = await db()
      .selectFrom("bank_notifications")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.resolution_note).toBe("คืนเงินให้ผู้ชำระแล้ว");
    expect(await paymentsOf(notice.id)).toEqual([]);
  });

  it("PY-4: malformed bodies are refused 400 with a stable code and stored", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const once = new LocalBank({ url, secret, now: () => clock.now(), maxAttempts: 1 });
    const badAmount = await once.send(callbackFor(notice, { amount: "100.005" }));
    expect(badAmount.final.status).toBe(400);
    expect(badAmount.final.body).toMatchObject({
      resCode: "02",
      error: { code: "PAYMENT_CALLBACK_MALFORMED", details: { field: "amount" } },
    });
    const noOffset = await once.send(callbackFor(notice, { transactionDateTime: "2026-12-07T09:59:00" }));
    expect(noOffset.final.body).toMatchObject({ error: { details: { field: "transactionDateTime" } } });
    const notJson = await fetch(url, {
      method: "POST",
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    const tooBig = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ pad: "x".repeat(20_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(tooBig.status).toBe(413);
    expect(await paymentsOf(notice.id)).toEqual([]);
  });

  it("PY-4: Borikan down for the bank's first two tries (503): the retry lands, once", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const front = await startFlakyFront(url, 2);
    try {
      const retrying = new LocalBank({ url: front.url, secret, now: () => clock.now(), backoffMs: 5 });
      const delivery = await retrying.send(callbackFor(notice));
      expect(delivery.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
      expect(front.seen()).toBe(3);
    } finally {
      await front.close();
    }
    expect(await paymentsOf(notice.id)).toHaveLength(1);
  });

  it("PY-3, PY-4: a duplicated callback raced with a statement line and a slip for the same notice: paid once, one e-receipt number", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const callback = callbackFor(notice);
    const SYSTEM = { kind: "system", name: "system:test" } as const;
    const report = (source: "statement" | "slip") => ({
      agencyId: "demo",
      ...(source === "slip" ? { noticeId: notice.id } : { ref1: notice.ref1 }),
      amountSatang: 10_000,
      source,
      bankReference: callback.transactionId,
      paidAt: clock.now(),
      evidence: `${source === "slip" ? "slip" : "statement_line"}:race`,
    });
    const [callbacks, statement, slip] = await Promise.all([
      bank.duplicate(callback, 3),
      withTransaction(service.handle, (trx) => recordPayment(trx, report("statement"), SYSTEM, clock.now())),
      withTransaction(service.handle, (trx) => recordPayment(trx, report("slip"), SYSTEM, clock.now())),
    ]);
    expect(callbacks.map((d) => d.final.status)).toEqual([200, 200, 200]);
    expect(new Set(callbacks.map((d) => d.final.body?.confirmId)).size).toBe(1);
    const kinds = [statement.kind, slip.kind];
    const payments = await paymentsOf(notice.id);
    expect(payments).toHaveLength(1);
    const receipts = await receiptsOf(notice.id);
    expect(receipts).toHaveLength(1);
    expect(kinds.filter((k) => k === "recorded").length + (payments[0]?.source === "callback" ? 1 : 0)).toBe(
      1,
    );
    expect(await matterStatus(application.matterId)).toBe("paid");
    // The callback that found the notice paid by the same bank transaction is no second payment.
    const unresolved = await listUnresolvedNotifications(db(), "demo");
    expect(unresolved.filter((u) => u.transactionId === callback.transactionId)).toEqual([]);
  });
});
