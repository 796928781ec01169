import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter, listMatterActions } from "../register/index.js";
import { thaiFiscalYear } from "./fiscal-year.js";
import { isWellFormedRef1 } from "./payment-counters.js";
import { type PaymentReport, recordPayment } from "./record-payment.js";

// Monday 7 December 2026, 10:00 Bangkok: fiscal year 2570.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SYSTEM = { kind: "system", name: "system:test" } as const;

describe.each(testDialects())("recording a payment on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const report = (ref1: string, over: Partial<PaymentReport> = {}): PaymentReport => ({
    agencyId: "demo",
    ref1,
    amountSatang: 10_000,
    source: "callback",
    bankReference: "BANK-1",
    paidAt: clock.now(),
    evidence: "callback:test",
    ...over,
  });

  it("PY-1: an approved application with a fee waits for payment under a notice with its own Ref1", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    expect(notice.amountSatang).toBe(10_000);
    expect(isWellFormedRef1(notice.ref1)).toBe(true);
    expect(notice.ref1.startsWith("70")).toBe(true);
    expect(notice.payTo?.billerId).toBe("099999999999990");
    const actions = await listMatterActions(service.handle.db, application.matterId);
    expect(actions.at(-1)?.action).toBe("request-payment");
  });

  it("PY-3, PY-4: the same notice reported by three paths at once is paid once, with one e-receipt number", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const paths: PaymentReport[] = [
      report(notice.ref1, { source: "callback", evidence: "callback:1" }),
      report(notice.ref1, { source: "statement", evidence: "statement_line:1" }),
      {
        ...report(notice.ref1, { source: "slip", evidence: "slip:1" }),
        ref1: undefined,
        noticeId: notice.id,
      },
    ];
    const outcomes = await Promise.all(
      paths.map((r) => withTransaction(service.handle, (trx) => recordPayment(trx, r, SYSTEM, clock.now()))),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["already-paid", "already-paid", "recorded"]);
    const payments = await service.handle.db
      .selectFrom("payments")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .execute();
    expect(payments).toHaveLength(1);
    const receipts = await service.handle.db
      .selectFrom("e_receipts")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .execute();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.fiscal_year).toBe(thaiFiscalYear(clock.now(), "Asia/Bangkok"));
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("paid");
    const actions = await listMatterActions(service.handle.db, application.matterId);
    expect(actions.filter((a) => a.action === "record-payment")).toHaveLength(1);
  });

  it("PY-4: an unknown Ref1 or a different amount pays nothing and leaves the matter waiting", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const unknown = await withTransaction(service.handle, (trx) =>
      recordPayment(trx, report("00000000000"), SYSTEM, clock.now()),
    );
    expect(unknown.kind).toBe("unknown-notice");
    const short = await withTransaction(service.handle, (trx) =>
      recordPayment(trx, report(notice.ref1, { amountSatang: 9_999 }), SYSTEM, clock.now()),
    );
    expect(short.kind).toBe("amount-differs");
    expect(
      await service.handle.db
        .selectFrom("payments")
        .select("id")
        .where("notice_id", "=", notice.id)
        .execute(),
    ).toEqual([]);
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe(
      "awaiting_payment",
    );
  });
});
