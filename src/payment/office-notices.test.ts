import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId } from "../../test/casework.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterActions } from "../register/index.js";
import { findNotice, listMatterNotices } from "./notices.repo.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("a finance officer's notices on the matter page (%s)", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  let reviewer: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    finance =
      // The matter page shows an officer their units' matters: the finance officer sits in the permits unit.
      (
        await signedInOfficer(
          service.app,
          service.handle,
          clock,
          "demo",
          "fin.one@demo.go.th",
          ["finance_officer"],
          "",
          [await unitId(service, "permits")],
        )
      ).client;
    reviewer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "rev.one@demo.go.th", ["admin"])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-1, SC-2: the panel lists the notice; a further notice needs the role, CSRF and a fresh step-up", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const page = `/office/matters/${application.matterId}`;
    const shown = await finance.get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-testid="payment-notices"');
    expect(shown.body).toContain(notice.ref1);
    const form = { kind: "fine", detail: "ค่าปรับยื่นเอกสารล่าช้า", amount: "250.50", days: "7" };
    const notStepped = await finance.post(`${page}/payment/notices`, form);
    expect(notStepped.statusCode).toBe(303);
    expect(String(notStepped.headers.location)).toContain("/office/step-up");
    await stepUp(finance, clock);
    await finance.get(page);
    expect((await finance.post(`${page}/payment/notices`, form, { csrf: "forged" })).statusCode).toBe(403);
    await reviewer.get(page);
    expect((await reviewer.post(`${page}/payment/notices`, form)).statusCode).toBe(403);
    const bad = await finance.post(`${page}/payment/notices`, { ...form, amount: "-3" });
    expect(bad.statusCode).toBe(400);
    const added = await finance.post(`${page}/payment/notices`, form);
    expect(added.statusCode).toBe(303);
    const notices = await listMatterNotices(service.handle.db, application.matterId);
    expect(notices).toHaveLength(2);
    expect(notices.find((n) => n.id !== notice.id)).toMatchObject({
      kind: "fine",
      amountSatang: 25_050,
      status: "open",
      gatesMatter: true,
    });
    const actions = await listMatterActions(service.handle.db, application.matterId);
    expect(actions.at(-1)).toMatchObject({ action: "add-payment-notice" });
  });

  it("PY-1: an open notice is cancelled with a reason, audited by id; a closed one or another matter's is refused", async () => {
    const { application, notice } = await matterAwaitingPayment(service, clock);
    const other = await matterAwaitingPayment(service, clock);
    const page = `/office/matters/${application.matterId}`;
    await stepUp(finance, clock);
    await finance.get(page);
    const foreign = await finance.post(`${page}/payment/notices/${other.notice.id}/cancel`, { reason: "ซ้ำ" });
    expect(foreign.statusCode).toBe(404);
    const cancelled = await finance.post(`${page}/payment/notices/${notice.id}/cancel`, { reason: "ออกซ้ำ" });
    expect(cancelled.statusCode).toBe(303);
    expect((await findNotice(service.handle.db, "demo", notice.id))?.status).toBe("cancelled");
    const again = await finance.post(`${page}/payment/notices/${notice.id}/cancel`, { reason: "ออกซ้ำ" });
    expect(again.statusCode).toBe(409);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "payment.cancel-notice")
      .where("subject_id", "=", notice.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(String(audit[0]?.actor)).toMatch(/^staff:/);
    expect(JSON.stringify(audit[0])).not.toContain("fin.one");
  });
});
