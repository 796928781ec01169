import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter, listMatterActions } from "../register/index.js";
import { findNotice } from "./notices.repo.js";
import { recordPayment } from "./record-payment.js";
import { sweepNoticeDeadlines } from "./sweep-notice-deadlines.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const HOUR = 60 * 60 * 1000;

describe.each(testDialects())("notice deadlines on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const actionsOf = async (matterId: string, action: string) =>
    (await listMatterActions(service.handle.db, matterId)).filter((a) => a.action === action);

  it("PY-1, TR-2: two concurrent sweeps within the reminder window remind once; earlier, none", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const early = new Date(notice.dueAt.getTime() - 4 * 24 * HOUR);
    await sweepNoticeDeadlines(service.payment, early);
    expect(await actionsOf(application.matterId, "remind-payment")).toHaveLength(0);
    const within = new Date(notice.dueAt.getTime() - 2 * 24 * HOUR);
    await Promise.all([
      sweepNoticeDeadlines(service.payment, within),
      sweepNoticeDeadlines(service.payment, within),
    ]);
    await sweepNoticeDeadlines(service.payment, new Date(within.getTime() + HOUR));
    const reminders = await actionsOf(application.matterId, "remind-payment");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.payload).toMatchObject({ noticeId: notice.id, ref1: notice.ref1 });
    expect((await findNotice(service.handle.db, "demo", notice.id))?.remindedAt).toEqual(within);
  });

  it("PY-1: a notice unpaid past its deadline expires and the matter is cancelled as the manual says, once", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const late = new Date(notice.dueAt.getTime() + HOUR);
    await Promise.all([
      sweepNoticeDeadlines(service.payment, late),
      sweepNoticeDeadlines(service.payment, late),
    ]);
    const expired = await findNotice(service.handle.db, "demo", notice.id);
    expect(expired?.status).toBe("expired");
    expect(expired?.closedAt).toEqual(late);
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("cancelled");
    const cancels = await actionsOf(application.matterId, "cancel");
    expect(cancels).toHaveLength(1);
    expect(String(cancels[0]?.payload.text)).toContain(notice.ref1);
    // Money that comes afterwards is not recorded against the closed notice: the finance queue's.
    const outcome = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          ref1: notice.ref1,
          amountSatang: 10_000,
          source: "callback",
          bankReference: "LATE-1",
          paidAt: late,
          evidence: "callback:late",
        },
        { kind: "system", name: "system:test" },
        late,
      ),
    );
    expect(outcome.kind).toBe("notice-closed");
  });

  it("PY-1: a notice paid before its deadline neither expires nor moves the matter", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          noticeId: notice.id,
          amountSatang: 10_000,
          source: "callback",
          bankReference: "PAID-1",
          paidAt: clock.now(),
          evidence: "callback:paid",
        },
        { kind: "system", name: "system:test" },
        clock.now(),
      ),
    );
    await sweepNoticeDeadlines(service.payment, new Date(notice.dueAt.getTime() + HOUR));
    expect((await findNotice(service.handle.db, "demo", notice.id))?.status).toBe("paid");
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("paid");
  });

  // Last: it publishes a new version of the test service, which the applications after it would use.
  it("PY-1: where the manual says an unpaid application is returned, the deadline returns it, once", async () => {
    await publishTestService(service, {
      ...TEST_SERVICE,
      payment: { daysToPay: 5, dayKind: "calendar", remindDaysBefore: 0, whenUnpaid: "returned" },
    });
    const { application, notice } = await matterAwaitingPayment(service, clock);
    // Five calendar days on, to the end of that day's business hours.
    expect(Math.floor((notice.dueAt.getTime() - clock.now().getTime()) / (24 * HOUR))).toBe(5);
    const late = new Date(notice.dueAt.getTime() + HOUR);
    await Promise.all([
      sweepNoticeDeadlines(service.payment, late),
      sweepNoticeDeadlines(service.payment, late),
    ]);
    expect((await findNotice(service.handle.db, "demo", notice.id))?.status).toBe("expired");
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("returned");
    expect(await actionsOf(application.matterId, "return")).toHaveLength(1);
    expect(await actionsOf(application.matterId, "remind-payment")).toHaveLength(0);
  });
});
