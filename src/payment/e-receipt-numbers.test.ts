import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { recordPayment } from "./record-payment.js";

// 30 September 2027 in Bangkok: the last day of fiscal year 2570; 1 October starts 2571.
const clock = fixedClock("2027-09-30T03:00:00.000Z");
const LAST_SECOND_2570 = new Date("2027-09-30T16:59:59.999Z");
const FIRST_SECOND_2571 = new Date("2027-09-30T17:00:00.000Z");
const SYSTEM = { kind: "system", name: "system:test" } as const;
const PER_YEAR = 6;

describe.each(testDialects())("e-receipt numbers across the fiscal year's end on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-5: payments recorded at once on both sides of 30 Sep → 1 Oct (Bangkok) get gapless numbers from 1 in each fiscal year", async () => {
    const notices = [];
    for (let i = 0; i < PER_YEAR * 2; i++) notices.push((await matterAwaitingPayment(service, clock)).notice);
    const outcomes = await Promise.all(
      notices.map((notice, i) => {
        const at = i % 2 === 0 ? LAST_SECOND_2570 : FIRST_SECOND_2571;
        return withTransaction(service.handle, (trx) =>
          recordPayment(
            trx,
            {
              agencyId: "demo",
              ref1: notice.ref1,
              amountSatang: notice.amountSatang,
              source: "statement",
              bankReference: `B${i}`,
              paidAt: at,
              evidence: `statement_line:${i}`,
            },
            SYSTEM,
            at,
          ),
        );
      }),
    );
    expect(outcomes.every((o) => o.kind === "recorded")).toBe(true);
    const rows = await service.handle.db
      .selectFrom("e_receipts")
      .select(["fiscal_year", "sequence", "receipt_number"])
      .where("agency_id", "=", "demo")
      .execute();
    const numbersOf = (year: number) =>
      rows
        .filter((r) => Number(r.fiscal_year) === year)
        .map((r) => Number(r.sequence))
        .sort((a, b) => a - b);
    const oneToN = Array.from({ length: PER_YEAR }, (_, i) => i + 1);
    expect(numbersOf(2570)).toEqual(oneToN);
    expect(numbersOf(2571)).toEqual(oneToN);
    expect(new Set(rows.map((r) => r.receipt_number)).size).toBe(rows.length);
    expect(rows.map((r) => r.receipt_number).sort()).toContain("2571-000001");
    expect(rows.map((r) => r.receipt_number).sort()).toContain(`2570-00000${PER_YEAR}`);
  });
});
