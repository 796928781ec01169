import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { recordPayment } from "./record-payment.js";

// Wednesday 16 December 2026, 10:00 in Bangkok: a business day.
const clock = fixedClock("2026-12-16T03:00:00.000Z");
const SYSTEM = { kind: "system", name: "system:test" } as const;

describe.each(testDialects())("the finance home and the daily check on %s", (dialect) => {
  let service: TestService;
  let n = 0;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  /** A finance officer signed in now (a session does not outlive the days these tests move through). */
  const financeOfficer = async (): Promise<OfficeClient> =>
    (
      await signedInOfficer(service.app, service.handle, clock, "demo", `fin.home${++n}@demo.go.th`, [
        "finance_officer",
      ])
    ).client;
  afterAll(async () => {
    await service?.stop();
  });

  const checks = () => service.handle.db.selectFrom("finance_daily_checks").selectAll().execute();

  it("PY-3: the check is refused while a receipt of the day is unreviewed, recorded after review, once; a late check stands out", async () => {
    // The clock is shared by both dialects' runs: each starts on the Wednesday.
    clock.set("2026-12-16T03:00:00.000Z");
    const { notice } = await matterAwaitingPayment(service, clock);
    await matterAwaitingPayment(service, clock);
    const paid = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          noticeId: notice.id,
          amountSatang: notice.amountSatang,
          source: "callback",
          bankReference: "B-1",
          paidAt: clock.now(),
          evidence: "callback:1",
        },
        SYSTEM,
        clock.now(),
      ),
    );
    expect(paid.kind).toBe("recorded");
    // Thursday 17:00: the previous business day (Wednesday) is still unchecked after hours.
    clock.set("2026-12-17T10:00:00.000Z");
    const finance = await financeOfficer();
    const home = await finance.get("/office/finance");
    expect(home.statusCode).toBe(200);
    // The office menu leads a finance officer here; the accounts page is the admin's, not offered.
    expect(home.body).toContain('href="/office/finance"');
    expect(home.body).not.toContain('href="/office/finance/accounts"');
    expect(home.body).toContain('role="alert"');
    expect(home.body).toContain("16 ธันวาคม 2569");
    expect(home.body).toMatch(/ใบแจ้งชำระที่ยังไม่ชำระ<\/dt><dd>1</);

    const refused = await finance.post("/office/finance/daily-check", { date: "2026-12-16" });
    expect(refused.statusCode).toBe(409);
    expect(await checks()).toHaveLength(0);

    const day = await finance.get("/office/finance/day?date=2026-12-16");
    expect(day.body).toContain(notice.ref1);
    expect(day.body).toContain("100.00");
    const reviewed = await finance.post("/office/finance/day/review", { date: "2026-12-16" });
    expect(reviewed.statusCode).toBe(303);
    const payment = await service.handle.db
      .selectFrom("payments")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .executeTakeFirstOrThrow();
    expect(payment.reviewed_by).toMatch(/^staff:/);

    const done = await finance.post("/office/finance/daily-check", {
      date: "2026-12-16",
      note: "ตรงกับรายการธนาคาร",
    });
    expect(done.statusCode).toBe(303);
    expect(await checks()).toMatchObject([{ business_date: "2026-12-16", payments_count: 1 }]);
    expect((await finance.get("/office/finance")).body).not.toContain('role="alert"');
    const twice = await finance.post("/office/finance/daily-check", { date: "2026-12-16" });
    expect(twice.statusCode).toBe(409);
    expect(await checks()).toHaveLength(1);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("action", "in", ["finance.daily-check", "payment.reviewed"])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["finance.daily-check", "payment.reviewed"]);
  });

  it("PY-3: a Monday's check is of the Friday; an earlier business day left unchecked stands out", async () => {
    // Monday 21 December, 10:00: due is Friday the 18th; Thursday the 17th was never checked.
    clock.set("2026-12-21T03:00:00.000Z");
    const finance = await financeOfficer();
    const home = await finance.get("/office/finance");
    expect(home.body).toContain("18 ธันวาคม 2569");
    expect(home.body).toContain('role="alert"');
    expect(home.body).toContain("17 ธันวาคม 2569");
    // A weekend day or today cannot be checked.
    expect((await finance.post("/office/finance/daily-check", { date: "2026-12-19" })).statusCode).toBe(422);
    expect((await finance.post("/office/finance/daily-check", { date: "2026-12-21" })).statusCode).toBe(422);
    expect((await finance.post("/office/finance/daily-check", { date: "2026-12-17" })).statusCode).toBe(303);
    expect((await finance.post("/office/finance/daily-check", { date: "2026-12-18" })).statusCode).toBe(303);
    expect((await finance.get("/office/finance")).body).not.toContain('role="alert"');
  });

  it("PY-3: only finance officers see the finance pages", async () => {
    const finance = await financeOfficer();
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "clerk.fin@demo.go.th",
      ["saraban_officer"],
    );
    expect((await client.get("/office/finance")).statusCode).toBe(403);
    expect((await client.post("/office/finance/daily-check", { date: "2026-12-18" })).statusCode).toBe(403);
    expect((await finance.post("/office/finance/payments/nope/review", {})).statusCode).toBe(404);
  });
});
