import ExcelJS from "exceljs";
import type { Db } from "../platform/db/database.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { neutraliseFormula } from "../register/index.js";
import { formatBaht, plainBaht } from "./money.js";
import { CHANNEL_TH } from "./receipt-pdf.js";
import { type EReceipt, findMatterApplicant } from "./receipts.repo.js";
import type { ReceiptCorrectionRow } from "./receipts.table.js";

/** One receipt as the accounting office reads it (PY-3, PY-5). */
export interface ExportRow {
  receipt: EReceipt;
  payerName: string;
  corrections: ReceiptCorrectionRow[];
}

const STATE_TH = { pending_signature: "ยังไม่ได้ลงนาม", issued: "ออกแล้ว", voided: "ยกเลิก (VOID)" } as const;

function correctionsText(corrections: ReceiptCorrectionRow[]): string {
  return corrections
    .filter((c) => c.status !== "refused")
    .map((c) =>
      c.kind === "void"
        ? `ยกเลิก (${c.status})`
        : `คืนเงิน ${formatBaht(Number(c.amount_satang))} (${c.status}${c.paid_out_reference ? ` ${c.paid_out_reference}` : ""})`,
    )
    .join("; ");
}

/** Columns: header in Thai then English; every text cell neutralised against formula injection. */
const COLUMNS: { head: string; width: number; value(row: ExportRow, tz: string): string | number }[] = [
  { head: "เลขที่ใบเสร็จ (Receipt no.)", width: 14, value: (r) => r.receipt.receiptNumber },
  { head: "ปีงบประมาณ (Fiscal year)", width: 10, value: (r) => r.receipt.fiscalYear },
  {
    head: "วันที่รับเงิน (Received)",
    width: 24,
    value: (r, tz) => formatDateTime("th", r.receipt.payment.paidAt, tz),
  },
  { head: "วันที่รับเงิน ISO (Received, ISO)", width: 24, value: (r) => r.receipt.payment.paidAt.toISOString() },
  { head: "ผู้ชำระ (Payer)", width: 28, value: (r) => r.payerName },
  {
    head: "รายการ (For)",
    width: 36,
    value: (r) => r.receipt.notice.lines.map((l) => l.detail.th).join("; "),
  },
  { head: "จำนวนเงิน บาท (Amount, baht)", width: 14, value: (r) => r.receipt.amountSatang / 100 },
  { head: "ช่องทาง (Channel)", width: 28, value: (r) => CHANNEL_TH[r.receipt.payment.source].th },
  { head: "Ref1", width: 14, value: (r) => r.receipt.notice.ref1 },
  { head: "เลขอ้างอิงธนาคาร (Bank ref.)", width: 20, value: (r) => r.receipt.payment.bankReference ?? "" },
  { head: "คำขอเลขรับ (Application)", width: 14, value: (r) => r.receipt.matterReceiptNumber },
  { head: "สถานะ (State)", width: 14, value: (r) => STATE_TH[r.receipt.status] },
  {
    head: "ยกเลิก/คืนเงิน (Void/refund)",
    width: 30,
    value: (r) =>
      [r.receipt.voidReason ? `VOID: ${r.receipt.voidReason}` : "", correctionsText(r.corrections)]
        .filter(Boolean)
        .join("; "),
  },
];
const AMOUNT_COLUMN = 6;

const cells = (rows: readonly ExportRow[], tz: string) =>
  rows.map((row) =>
    COLUMNS.map((c) => {
      const v = c.value(row, tz);
      return typeof v === "number" ? v : neutraliseFormula(v);
    }),
  );

const csvField = (v: string | number) => {
  const text = typeof v === "number" ? String(v) : v;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** CSV for the accounting office: UTF-8 with a byte-order mark (Excel reads Thai), RFC 4180, CRLF. */
export function writeReceiptsCsv(rows: readonly ExportRow[], tz: string): Buffer {
  const body = cells(rows, tz).map((r) =>
    r.map((v, i) => (i === AMOUNT_COLUMN && typeof v === "number" ? plainBaht(Math.round(v * 100)) : v)),
  );
  const records = [COLUMNS.map((c) => c.head), ...body];
  return Buffer.from(`\uFEFF${records.map((r) => `${r.map(csvField).join(",")}\r\n`).join("")}`, "utf8");
}

/** One worksheet: title, header (frozen, filters), a row per receipt; amounts as numbers to sum. */
export async function writeReceiptsXlsx(
  rows: readonly ExportRow[],
  title: string,
  tz: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Borikan";
  const sheet = workbook.addWorksheet("ใบเสร็จรับเงิน", { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c, i) => ({
    width: c.width,
    style: { numFmt: i === AMOUNT_COLUMN ? "#,##0.00" : "@" },
  }));
  sheet.getCell(1, 1).value = neutraliseFormula(title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  COLUMNS.forEach((c, i) => {
    sheet.getCell(2, i + 1).value = c.head;
    sheet.getCell(2, i + 1).font = { bold: true };
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  cells(rows, tz).forEach((row, r) => {
    row.forEach((v, i) => {
      sheet.getCell(3 + r, i + 1).value = v;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The receipts with their payers (as each application names them) and corrections. */
export async function exportRowsOf(db: Db, receipts: readonly EReceipt[]): Promise<ExportRow[]> {
  const payers = new Map<string, string>();
  for (const matterId of new Set(receipts.map((r) => r.matterId)))
    payers.set(matterId, (await findMatterApplicant(db, matterId))?.name ?? "");
  const ids = receipts.map((r) => r.id);
  const corrections: ReceiptCorrectionRow[] = [];
  for (let i = 0; i < ids.length; i += 500)
    corrections.push(
      ...(await db
        .selectFrom("receipt_corrections")
        .selectAll()
        .where("receipt_id", "in", ids.slice(i, i + 500))
        .orderBy("requested_at")
        .execute()),
    );
  return receipts.map((receipt) => ({
    receipt,
    payerName: payers.get(receipt.matterId) || receipt.bankPayerName || "",
    corrections: corrections.filter((c) => c.receipt_id === receipt.id),
  }));
}
