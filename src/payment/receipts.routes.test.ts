import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { matterAwaitingPayment } from "../../test/payment.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { issueEReceipts } from "./issue-e-receipts.js";
import { findEReceipt } from "./receipts.repo.js";
import { recordPayment } from "./record-payment.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SYSTEM = { kind: "system", name: "system:test" } as const;
const RECEIPTS = "/office/finance/receipts";

describe.each(testDialects())("e-receipt pages on %s", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  let head: OfficeClient;
  let financeHead: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const app = service.app;
    finance = (
      await signedInOfficer(app, service.handle, clock, "demo", "fin@demo.go.th", ["finance_officer"])
    ).client;
    head = (await signedInOfficer(app, service.handle, clock, "demo", "head@demo.go.th", ["head_of_agency"]))
      .client;
    financeHead = (
      await signedInOfficer(app, service.handle, clock, "demo", "both@demo.go.th", [
        "finance_officer",
        "head_of_agency",
      ])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** A paid matter whose e-receipt is issued (signed with the test signer). */
  async function issuedReceipt() {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const outcome = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          ref1: notice.ref1,
          amountSatang: notice.amountSatang,
          source: "statement",
          bankReference: "STMT-1",
          paidAt: clock.now(),
          evidence: "statement_line:x",
        },
        SYSTEM,
        clock.now(),
      ),
    );
    if (outcome.kind !== "recorded") throw new Error(outcome.kind);
    await issueEReceipts({ ...service.payment, documentSigner: testDocumentSigner() }, clock.now());
    return { application, notice, receiptId: outcome.receipt.id, number: outcome.receipt.receiptNumber };
  }

  it("PY-5: the applicant downloads their signed receipt with the tracking token; a wrong token or another matter's receipt is 404", async () => {
    const mine = await issuedReceipt();
    const other = await issuedReceipt();
    const { beYear, sequence, token } = mine.application;
    const url = (id: string, ext: string, t = token) =>
      `/requests/${beYear}/${sequence}/payment/receipts/${id}.${ext}?t=${encodeURIComponent(t)}`;
    const pdf = await service.app.inject({ url: url(mine.receiptId, "pdf") });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const xml = await service.app.inject({ url: url(mine.receiptId, "xml") });
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain(mine.number);
    expect((await service.app.inject({ url: url(mine.receiptId, "pdf", `${token}x`) })).statusCode).toBe(404);
    expect((await service.app.inject({ url: url(other.receiptId, "pdf") })).statusCode).toBe(404);
    expect((await service.app.inject({ url: url("nope", "pdf") })).statusCode).toBe(404);
  });

  it("PY-5: a void is asked by a finance officer after a step-up and approved only by another person; the number stays VOID", async () => {
    const { receiptId, number } = await issuedReceipt();
    await financeHead.get(`${RECEIPTS}/${receiptId}`);
    const noStepUp = await financeHead.post(`${RECEIPTS}/${receiptId}/corrections`, {
      kind: "void",
      reason: "x",
    });
    expect(noStepUp.statusCode).toBe(303);
    expect(String(noStepUp.headers.location)).toContain("/office/step-up");
    await stepUp(financeHead, clock);
    await financeHead.get(`${RECEIPTS}/${receiptId}`);
    const asked = await financeHead.post(`${RECEIPTS}/${receiptId}/corrections`, {
      kind: "void",
      reason: '=HYPERLINK("http://x") ออกซ้ำ',
    });
    expect(asked.statusCode).toBe(303);
    const correction = await service.handle.db
      .selectFrom("receipt_corrections")
      .selectAll()
      .where("receipt_id", "=", receiptId)
      .executeTakeFirstOrThrow();
    // The one who asked cannot approve, even holding the role.
    await financeHead.get(`${RECEIPTS}/${receiptId}`);
    const own = await financeHead.post(`${RECEIPTS}/${receiptId}/corrections/${correction.id}`, {
      action: "approve",
    });
    expect(own.statusCode).toBe(403);
    // A finance officer alone may not decide.
    await stepUp(finance, clock);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    const clerk = await finance.post(`${RECEIPTS}/${receiptId}/corrections/${correction.id}`, {
      action: "approve",
    });
    expect(clerk.statusCode).toBe(403);
    await stepUp(head, clock);
    await head.get(`${RECEIPTS}/${receiptId}`);
    const approved = await head.post(`${RECEIPTS}/${receiptId}/corrections/${correction.id}`, {
      action: "approve",
      expectedVersion: "1",
    });
    expect(approved.statusCode).toBe(303);
    const receipt = await findEReceipt(service.handle.db, "demo", receiptId);
    expect(receipt?.status).toBe("voided");
    expect(receipt?.receiptNumber).toBe(number);
    const page = await head.get(`${RECEIPTS}/${receiptId}`);
    expect(page.body).toContain("VOID");
    const audits = await service.handle.db
      .selectFrom("audit_events")
      .select(["action", "actor", "data"])
      .where("subject_id", "=", receiptId)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["e-receipt.request-void", "e-receipt.approve-void"]),
    );
    expect(JSON.stringify(audits)).not.toContain("HYPERLINK");
    expect(JSON.stringify(audits)).not.toContain("@demo.go.th");

    // PY-3: the export for the accounting office parses back, the reason's formula neutralised.
    await finance.get(RECEIPTS);
    const xlsx = await finance.app.inject({
      url: `${RECEIPTS}/export.xlsx?year=2570`,
      headers: { cookie: finance.cookieHeader },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const line = rows.find((r) => r[0] === number);
    expect(line?.[11]).toBe("ยกเลิก (VOID)");
    expect(line?.[12]?.startsWith("=")).toBe(false);
    expect(line?.[12]).toContain("HYPERLINK");
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const csv = await finance.app.inject({
      url: `${RECEIPTS}/export.csv`,
      headers: { cookie: finance.cookieHeader },
    });
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain(number);
    const reads = await service.handle.db
      .selectFrom("data_reads")
      .select("what")
      .where("what", "=", "export")
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it("PY-5: a refund is at most what was paid, approved by another person, and done when paid out with the bank's reference", async () => {
    const { receiptId } = await issuedReceipt();
    await stepUp(finance, clock);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    const tooMuch = await finance.post(`${RECEIPTS}/${receiptId}/corrections`, {
      kind: "refund",
      amount: "100.01",
      reason: "r",
    });
    expect(tooMuch.statusCode).toBe(422);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    expect(
      (
        await finance.post(`${RECEIPTS}/${receiptId}/corrections`, {
          kind: "refund",
          amount: "40",
          reason: "ชำระเกิน",
        })
      ).statusCode,
    ).toBe(303);
    const c = await service.handle.db
      .selectFrom("receipt_corrections")
      .selectAll()
      .where("receipt_id", "=", receiptId)
      .executeTakeFirstOrThrow();
    expect(Number(c.amount_satang)).toBe(4000);
    await stepUp(head, clock);
    await head.get(`${RECEIPTS}/${receiptId}`);
    expect(
      (await head.post(`${RECEIPTS}/${receiptId}/corrections/${c.id}`, { action: "approve" })).statusCode,
    ).toBe(303);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    const noRef = await finance.post(`${RECEIPTS}/${receiptId}/corrections/${c.id}`, {
      action: "record-paid-out",
    });
    expect(noRef.statusCode).toBe(400);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    const paid = await finance.post(`${RECEIPTS}/${receiptId}/corrections/${c.id}`, {
      action: "record-paid-out",
      bankReference: "TRF-991",
    });
    expect(paid.statusCode).toBe(303);
    const after = await service.handle.db
      .selectFrom("receipt_corrections")
      .selectAll()
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("done");
    expect((await findEReceipt(service.handle.db, "demo", receiptId))?.status).toBe("issued");
  });

  it("PY-5: fuzzed correction and list inputs are refused 4xx with a stable code, never 5xx, never two open requests", async () => {
    const { receiptId } = await issuedReceipt();
    await stepUp(finance, clock);
    await finance.get(`${RECEIPTS}/${receiptId}`);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          kind: fc.oneof(fc.constant("refund"), fc.constant("void"), textValue),
          amount: textValue,
          reason: textValue,
        }),
        fc.oneof(fc.constant(receiptId), textValue),
        async (form, id) => {
          const res = await finance.post(`${RECEIPTS}/${encodeURIComponent(id)}/corrections`, form);
          expect(res.statusCode).toBeLessThan(500);
          const q = await finance.get(
            `${RECEIPTS}?year=${encodeURIComponent(form.amount)}&q=${encodeURIComponent(form.reason)}`,
          );
          expect(q.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
    const open = await service.handle.db
      .selectFrom("receipt_corrections")
      .select("id")
      .where("receipt_id", "=", receiptId)
      .where("status", "=", "requested")
      .execute();
    expect(open.length).toBeLessThanOrEqual(1);
  });
});
