import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import type { OfficeClient } from "../../test/office.js";
import { matterAwaitingPayment, startPaymentService } from "../../test/payment.js";
import type { TestService } from "../../test/service.js";
import { STATEMENT_MAPPING, statementCsv, type TestLine, uploadStatement } from "../../test/statements.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findMatter } from "../register/index.js";
import { listAccounts } from "./accounts.repo.js";
import { recordPayment } from "./record-payment.js";

// Monday 7 December 2026, 10:00 Bangkok (BE 2569).
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const line = (ref1: string, over: Partial<TestLine> = {}): TestLine => ({
  date: "07/12/2569",
  time: "10:15:00",
  amount: "100.00",
  ref1,
  bankReference: `BANK-${ref1}`,
  ...over,
});

describe.each(testDialects())("bank statements on %s", (dialect) => {
  let service: TestService;
  let finance: OfficeClient;
  let accountId: string;
  const count = async (table: "bank_statements" | "statement_lines" | "payments") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const lineOf = (bankReference: string) =>
    service.handle.db
      .selectFrom("statement_lines")
      .selectAll()
      .where("bank_reference", "=", bankReference)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    ({ service, finance } = await startPaymentService(dialect, clock, "fin@demo.go.th"));
    await finance.get("/office/finance/statements");
    accountId = (await listAccounts(service.handle.db, "demo"))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PY-3: the first import of an account asks for the mapping beside the Windows-874 file's first rows; the line then pays the matter once", async () => {
    const { notice, application } = await matterAwaitingPayment(service, clock);
    const bytes = statementCsv([line(notice.ref1, { payer: "นางสาวใจดี มีเงิน" })], "windows-874");
    const form = await uploadStatement(finance, { bytes }, { accountId }, "text/html");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("data-preview");
    expect(form.body).toContain("นางสาวใจดี มีเงิน");
    expect(form.body).toContain("จำนวนเงิน");
    expect(await count("bank_statements")).toBe(0);
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form.body)?.[1] ?? "";
    // The guessed mapping: the heading row and the date, amount and Ref1 columns are preselected.
    expect(form.body).toMatch(/name="col_ref1">.*<option value="3" selected>/s);
    const res = await finance.post("/office/finance/statements/mapping", {
      accountId,
      fileKey: hidden("fileKey"),
      fileToken: hidden("fileToken"),
      filename: "statement.csv",
      headerRow: "1",
      col_date: "0",
      col_time: "1",
      col_amount: "2",
      col_ref1: "3",
      col_bankReference: "5",
      col_payer: "6",
      dateOrder: "dmy",
      era: "be",
      encoding: "auto",
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("data-statement=");
    const imported = await lineOf(`BANK-${notice.ref1}`);
    expect(imported.state).toBe("matched");
    expect(imported.payer).toBe("นางสาวใจดี มีเงิน");
    expect(imported.posted_at).toBe("2026-12-07T03:15:00.000Z");
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("paid");
    const receipts = await service.handle.db
      .selectFrom("e_receipts")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .execute();
    expect(receipts).toHaveLength(1);
    const payment = await service.handle.db
      .selectFrom("payments")
      .selectAll()
      .where("notice_id", "=", notice.id)
      .executeTakeFirstOrThrow();
    expect(payment.source).toBe("statement");
    expect(payment.evidence).toBe(`statement_line:${imported.id}`);
    expect(imported.payment_id).toBe(payment.id);
  });

  it("PY-3: later imports reuse the saved mapping (a UTF-8 file); the same file again is refused; an overlapping one skips the lines it shares", async () => {
    const first = await matterAwaitingPayment(service, clock);
    const second = await matterAwaitingPayment(service, clock);
    const bytes = statementCsv([line(first.notice.ref1)]);
    const res = await uploadStatement(finance, { bytes }, { accountId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lines: 1, skipped: 0, states: { matched: 1 } });

    const again = await uploadStatement(finance, { bytes }, { accountId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("STATEMENT_ALREADY_IMPORTED");

    const overlap = statementCsv([line(first.notice.ref1), line(second.notice.ref1, { time: "11:00" })]);
    const next = await uploadStatement(finance, { bytes: overlap }, { accountId });
    expect(next.json()).toMatchObject({ lines: 1, skipped: 1, states: { matched: 1 } });
    const payments = await service.handle.db
      .selectFrom("payments")
      .select("id")
      .where("notice_id", "in", [first.notice.id, second.notice.id])
      .execute();
    expect(payments).toHaveLength(2);
  });

  it("PY-3: an XLSX statement with credit and debit columns imports under its own mapping; debits are ignored", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Statement");
    sheet.addRow(["ธนาคารทดสอบ รายการเดินบัญชี"]);
    sheet.addRow(["Date", "Withdrawal", "Deposit", "Reference 1", "Transaction ID"]);
    sheet.addRow([new Date(Date.UTC(2026, 11, 7, 9, 30)), "", 100, notice.ref1, "XL-1"]);
    sheet.addRow([new Date(Date.UTC(2026, 11, 7, 9, 45)), "50.00", "", "", "XL-2"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const mapping = {
      encoding: "auto",
      headerRow: 2,
      columns: { date: 0, debit: 1, credit: 2, ref1: 3, bankReference: 4 },
      dateOrder: "ymd",
      era: "ce",
    };
    const res = await uploadStatement(
      finance,
      { bytes, filename: "statement.xlsx" },
      { accountId, mapping: JSON.stringify(mapping) },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lines: 2, states: { matched: 1, ignored: 1 } });
    expect((await lineOf("XL-1")).posted_at).toBe("2026-12-07T02:30:00.000Z");
    expect(Number((await lineOf("XL-2")).amount_satang)).toBe(-5000);
    const saved = await service.handle.db
      .selectFrom("statement_mappings")
      .select("mapping")
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(saved.mapping).headerRow).toBe(2);
    // Back to the CSV mapping for the other tests.
    await service.handle.db
      .updateTable("statement_mappings")
      .set({ mapping: JSON.stringify(STATEMENT_MAPPING) })
      .execute();
  });

  it("PY-3: a wrong mapping, or a file of mixed encodings, is a clear error naming the lines, and nothing is stored", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const before = [await count("bank_statements"), await count("statement_lines"), await count("payments")];
    const wrong = { ...STATEMENT_MAPPING, columns: { ...STATEMENT_MAPPING.columns, date: 2, amount: 0 } };
    const bytes = statementCsv([line(notice.ref1), line(notice.ref1, { time: "12:00" })]);
    const res = await uploadStatement(finance, { bytes }, { accountId, mapping: JSON.stringify(wrong) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("STATEMENT_MAPPING_WRONG");
    expect(res.json().error.message).toContain("2 (date), 3 (date)");
    const noRef1 = { ...STATEMENT_MAPPING, columns: { ...STATEMENT_MAPPING.columns, ref1: 4 } };
    const three = statementCsv([1, 2, 3].map((n) => line(notice.ref1, { time: `12:0${n}` })));
    const missing = await uploadStatement(
      finance,
      { bytes: three },
      { accountId, mapping: JSON.stringify(noRef1) },
    );
    expect(missing.json().error.code).toBe("STATEMENT_MAPPING_WRONG");

    const mixed = Buffer.concat([
      statementCsv([line(notice.ref1)], "windows-874"),
      Buffer.from(`07/12/2569,10:20:00,"100.00",${notice.ref1},,BANK-X,นายปน ภาษา\r\n`, "utf8"),
    ]);
    const refused = await uploadStatement(finance, { bytes: mixed }, { accountId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("STATEMENT_MIXED_ENCODING");
    expect(refused.json().error.message).toContain("3");
    expect([await count("bank_statements"), await count("statement_lines"), await count("payments")]).toEqual(
      before,
    );
    // The page says it too, in Thai first.
    const page = await uploadStatement(finance, { bytes: mixed }, { accountId }, "text/html");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain("บรรทัด 3");
  });

  it("PY-3, PY-4: a line for a notice the callback already paid is already-paid, linked to that payment, never a second one", async () => {
    const { notice } = await matterAwaitingPayment(service, clock);
    const first = await withTransaction(service.handle, (trx) =>
      recordPayment(
        trx,
        {
          agencyId: "demo",
          ref1: notice.ref1,
          amountSatang: 10_000,
          source: "callback",
          bankReference: "CB-1",
          paidAt: clock.now(),
          evidence: "callback:test",
        },
        { kind: "system", name: "system:test" },
        clock.now(),
      ),
    );
    if (first.kind !== "recorded") throw new Error(first.kind);
    const res = await uploadStatement(finance, { bytes: statementCsv([line(notice.ref1)]) }, { accountId });
    expect(res.json()).toMatchObject({ states: { "already-paid": 1, matched: 0 } });
    const imported = await lineOf(`BANK-${notice.ref1}`);
    expect(imported.state).toBe("already-paid");
    expect(imported.payment_id).toBe(first.paymentId);
    const payments = await service.handle.db
      .selectFrom("payments")
      .select("id")
      .where("notice_id", "=", notice.id)
      .execute();
    expect(payments).toHaveLength(1);
  });
});
