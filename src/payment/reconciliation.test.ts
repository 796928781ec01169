import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment, startPaymentService } from "../../test/payment.js";
import type { TestService } from "../../test/service.js";
import { STATEMENT_MAPPING, statementCsv, uploadStatement } from "../../test/statements.js";
import { fixedClock } from "../platform/clock.js";
import { findMatter } from "../register/index.js";
import { listAccounts } from "./accounts.repo.js";
import { formatRef1 } from "./payment-counters.js";

// Monday 7 December 2026, 10:00 Bangkok (BE 2569).
const clock = fixedClock("2026-12-07T03:00:00.000Z");

describe.each(testDialects())("the finance queue on %s", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  let accountId: string;
  const lineOf = (bankReference: string) =>
    service.handle.db
      .selectFrom("statement_lines")
      .selectAll()
      .where("bank_reference", "=", bankReference)
      .executeTakeFirstOrThrow();
  const post = (client: OfficeClient, url: string, form: Record<string, string>) =>
    client.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams({ _csrf: client.csrf, ...form }).toString(),
      headers: {
        accept: "application/json",
        "content-type": "application/x-www-form-urlencoded",
        cookie: client.cookieHeader,
      },
    });

  beforeAll(async () => {
    ({ service, finance } = await startPaymentService(dialect, clock, "fin@demo.go.th"));
    await finance.get("/office/finance/statements");
    accountId = (await listAccounts(service.handle.db, "demo"))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-3: the queue shows money without a notice, amounts that differ and notices without money; a line is matched by hand only after a step-up and only at the notice's amount", async () => {
    const late = await matterAwaitingPayment(service, clock);
    const differs = await matterAwaitingPayment(service, clock);
    const unknownRef1 = formatRef1(69, 99_999_999);
    const csv = statementCsv([
      { date: "07/12/2569", time: "09:00", amount: "100.00", ref1: unknownRef1, bankReference: "Q-UNKNOWN" },
      {
        date: "07/12/2569",
        time: "09:05",
        amount: "90.00",
        ref1: differs.notice.ref1,
        bankReference: "Q-DIFFERS",
      },
      { date: "07/12/2569", time: "09:10", amount: "100.00", ref1: "", bankReference: "Q-NOREF" },
    ]);
    const imported = await uploadStatement(
      finance,
      { bytes: csv },
      { accountId, mapping: JSON.stringify(STATEMENT_MAPPING) },
    );
    expect(imported.json()).toMatchObject({ states: { unmatched: 2, "amount-differs": 1 } });
    // A notice past its due date with no money.
    await service.handle.db
      .updateTable("payment_notices")
      .set({ due_at: "2026-12-01T10:00:00.000Z" })
      .where("id", "=", late.notice.id)
      .execute();

    const page = await finance.get("/office/finance/reconciliation");
    expect(page.statusCode).toBe(200);
    const section = (kind: string) =>
      new RegExp(`data-queue="${kind}">(.*?)</section>`, "s").exec(page.body)?.[1] ?? "";
    expect(section("unmatched")).toContain(unknownRef1);
    expect(section("unmatched")).toContain("Q-NOREF");
    expect(section("differs")).toContain(differs.notice.ref1);
    expect(section("differs")).toContain("90.00");
    expect(section("overdue")).toContain(late.notice.ref1);
    expect(section("due-soon")).not.toContain(late.notice.ref1);

    // Matching takes money: without a fresh step-up, refused.
    const noRef = await lineOf("Q-NOREF");
    const url = `/office/finance/reconciliation/lines/${noRef.id}/match`;
    const refused = await post(finance, url, { ref1: late.notice.ref1, reason: "ผู้ชำระไม่ได้ใส่ Ref1" });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe("STEP_UP_REQUIRED");
    const browser = await finance.post(url, { ref1: late.notice.ref1, reason: "x" });
    expect(browser.statusCode).toBe(303);
    expect(String(browser.headers.location)).toContain("/office/step-up");

    await stepUp(finance, clock);
    // A different amount is refused whatever the reason.
    const differsLine = await lineOf("Q-DIFFERS");
    const unequal = await post(finance, `/office/finance/reconciliation/lines/${differsLine.id}/match`, {
      ref1: differs.notice.ref1,
      reason: "ผู้ชำระโอนขาด",
    });
    expect(unequal.statusCode).toBe(422);
    expect(unequal.json().error.code).toBe("STATEMENT_AMOUNT_DIFFERS");
    expect((await lineOf("Q-DIFFERS")).state).toBe("amount-differs");
    const noReason = await post(finance, url, { ref1: late.notice.ref1, reason: " " });
    expect(noReason.json().error.code).toBe("STATEMENT_REASON_REQUIRED");

    const matched = await post(finance, url, { ref1: late.notice.ref1, reason: "ผู้ชำระไม่ได้ใส่ Ref1" });
    expect(matched.statusCode).toBe(200);
    const line = await lineOf("Q-NOREF");
    expect(line).toMatchObject({ state: "matched", notice_id: late.notice.id, note: "ผู้ชำระไม่ได้ใส่ Ref1" });
    expect(line.resolved_by).toMatch(/^staff:/);
    expect((await findMatter(service.handle.db, "demo", late.application.matterId))?.status).toBe("paid");
    const again = await post(finance, url, { ref1: late.notice.ref1, reason: "again" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("STATEMENT_LINE_RESOLVED");
    const payments = await service.handle.db
      .selectFrom("payments")
      .select(["id", "recorded_by"])
      .where("notice_id", "=", late.notice.id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]?.recorded_by).toMatch(/^staff:/);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "payment.statement-line-matched")
      .where("subject_id", "=", line.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).not.toContain("ผู้ชำระ");
  });

  it("PY-3: a line is set aside with a reason; another officer's role or an unknown line gets no further", async () => {
    const csv = statementCsv([
      { date: "07/12/2569", time: "13:00", amount: "5,000.00", ref1: "", bankReference: "Q-TRANSFER" },
    ]);
    const res = await uploadStatement(
      finance,
      { bytes: csv },
      { accountId, mapping: JSON.stringify(STATEMENT_MAPPING) },
    );
    expect(res.body).toContain('"unmatched":1');
    const line = await lineOf("Q-TRANSFER");
    const url = `/office/finance/reconciliation/lines/${line.id}/ignore`;
    expect((await post(finance, url, { reason: "" })).json().error.code).toBe("STATEMENT_REASON_REQUIRED");
    const { client: clerk } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "clerk@demo.go.th",
      ["saraban_officer"],
    );
    await clerk.get("/office/register");
    expect((await post(clerk, url, { reason: "not a fee" })).statusCode).toBe(403);
    expect((await clerk.get("/office/finance/reconciliation")).statusCode).toBe(403);
    const missing = await post(finance, "/office/finance/reconciliation/lines/nope/ignore", { reason: "x" });
    expect(missing.statusCode).toBe(404);
    const ignored = await post(finance, url, { reason: "โอนระหว่างบัญชี" });
    expect(ignored.statusCode).toBe(200);
    expect(await lineOf("Q-TRANSFER")).toMatchObject({ state: "ignored", note: "โอนระหว่างบัญชี" });
    const page = await finance.get("/office/finance/reconciliation");
    expect(page.body).not.toContain("Q-TRANSFER");
  });
});
