import type { Db } from "../platform/db/database.js";
import { findMatterReceiptNumber, listMatterEntries } from "../register/index.js";
import type { NoticeLine, PayTo } from "./notice.js";
import type { EReceiptStatus, NoticeKind, PaymentSource } from "./payment.table.js";

/** PY-5: an e-receipt with what its documents print: the notice's lines and references, the payment. */
export interface EReceipt {
  id: string;
  agencyId: string;
  matterId: string;
  noticeId: string;
  paymentId: string;
  fiscalYear: number;
  sequence: number;
  receiptNumber: string;
  amountSatang: number;
  status: EReceiptStatus;
  issuedAt: Date;
  signedAt: Date | null;
  pdfKey: string | null;
  xmlKey: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  /** The bank's payer name, when it reported one (sealed). */
  bankPayerName: string | null;
  notice: { kind: NoticeKind; ref1: string; ref2: string | null; lines: NoticeLine[]; payTo: PayTo | null };
  payment: { source: PaymentSource; bankReference: string | null; paidAt: Date };
  /** The matter's receipt number (the register's), which the receipt says it pays for. */
  matterReceiptNumber: string;
}

const date = (s: string | null) => (s ? new Date(s) : null);

function selectReceipts(db: Db) {
  return db
    .selectFrom("e_receipts as r")
    .innerJoin("payment_notices as n", "n.id", "r.notice_id")
    .innerJoin("payments as p", "p.id", "r.payment_id")
    .select([
      "r.id",
      "r.agency_id",
      "r.matter_id",
      "r.notice_id",
      "r.payment_id",
      "r.fiscal_year",
      "r.sequence",
      "r.receipt_number",
      "r.amount_satang",
      "r.status",
      "r.issued_at",
      "r.signed_at",
      "r.pdf_key",
      "r.xml_key",
      "r.voided_at",
      "r.void_reason",
      "r.payer_name",
      "n.kind",
      "n.ref1",
      "n.ref2",
      "n.lines",
      "n.pay_to",
      "p.source",
      "p.bank_reference",
      "p.paid_at",
    ]);
}
/** The register's number of each receipt's matter (read through the register, one per matter). */
async function withMatterNumbers(db: Db, receipts: EReceipt[]): Promise<EReceipt[]> {
  const numbers = new Map<string, string>();
  for (const matterId of new Set(receipts.map((r) => r.matterId)))
    numbers.set(matterId, (await findMatterReceiptNumber(db, matterId)) ?? "");
  return receipts.map((r) => ({ ...r, matterReceiptNumber: numbers.get(r.matterId) ?? "" }));
}

type ReceiptSelection = Awaited<ReturnType<ReturnType<typeof selectReceipts>["executeTakeFirstOrThrow"]>>;

function receiptFromRow(r: ReceiptSelection): EReceipt {
  return {
    id: r.id,
    agencyId: r.agency_id,
    matterId: r.matter_id,
    noticeId: r.notice_id,
    paymentId: r.payment_id,
    fiscalYear: Number(r.fiscal_year),
    sequence: Number(r.sequence),
    receiptNumber: r.receipt_number,
    amountSatang: Number(r.amount_satang),
    status: r.status,
    issuedAt: new Date(r.issued_at),
    signedAt: date(r.signed_at),
    pdfKey: r.pdf_key,
    xmlKey: r.xml_key,
    voidedAt: date(r.voided_at),
    voidReason: r.void_reason,
    bankPayerName: r.payer_name,
    notice: {
      kind: r.kind,
      ref1: r.ref1,
      ref2: r.ref2,
      lines: JSON.parse(r.lines) as NoticeLine[],
      payTo: r.pay_to ? (JSON.parse(r.pay_to) as PayTo) : null,
    },
    payment: { source: r.source, bankReference: r.bank_reference, paidAt: new Date(r.paid_at) },
    matterReceiptNumber: "",
  };
}

/** The agency's e-receipt, or undefined (another agency's is not said to exist). */
export async function findEReceipt(db: Db, agencyId: string, id: string): Promise<EReceipt | undefined> {
  const row = await selectReceipts(db)
    .where("r.agency_id", "=", agencyId)
    .where("r.id", "=", id)
    .executeTakeFirst();
  return row && (await withMatterNumbers(db, [receiptFromRow(row)]))[0];
}

/** A matter's e-receipts, oldest first. */
export async function listMatterReceipts(db: Db, agencyId: string, matterId: string): Promise<EReceipt[]> {
  const rows = await selectReceipts(db)
    .where("r.agency_id", "=", agencyId)
    .where("r.matter_id", "=", matterId)
    .orderBy("r.fiscal_year")
    .orderBy("r.sequence")
    .execute();
  return withMatterNumbers(db, rows.map(receiptFromRow));
}

export interface ReceiptFilter {
  fiscalYear?: number;
  /** Issued from (inclusive) and to (exclusive), ISO instants. */
  from?: string;
  to?: string;
  status?: EReceiptStatus;
  /** A receipt number (`2570-000123`) or a Ref1. */
  search?: string;
}

/** The agency's e-receipts matching the filter, by number; at most `limit`. */
export async function listReceipts(
  db: Db,
  agencyId: string,
  filter: ReceiptFilter,
  limit = 500,
): Promise<EReceipt[]> {
  let q = selectReceipts(db).where("r.agency_id", "=", agencyId);
  if (filter.fiscalYear !== undefined) q = q.where("r.fiscal_year", "=", filter.fiscalYear);
  if (filter.from) q = q.where("r.issued_at", ">=", filter.from);
  if (filter.to) q = q.where("r.issued_at", "<", filter.to);
  if (filter.status) q = q.where("r.status", "=", filter.status);
  const search = filter.search?.trim();
  if (search) q = q.where((eb) => eb.or([eb("r.receipt_number", "=", search), eb("n.ref1", "=", search)]));
  const rows = await q.orderBy("r.fiscal_year", "desc").orderBy("r.sequence", "desc").limit(limit).execute();
  return withMatterNumbers(db, rows.map(receiptFromRow));
}

/** The applicant of a matter as its first entry names them, and the address their mail goes to. */
export async function findMatterApplicant(
  db: Db,
  matterId: string,
): Promise<
  { entryId: string; name: string; email: string | null; beYear: number; sequence: number } | undefined
> {
  const [first] = await listMatterEntries(db, matterId);
  if (!first) return undefined;
  return {
    entryId: first.id,
    name: first.senderName,
    email: first.replyTo ?? first.senderEmail,
    beYear: first.beYear,
    sequence: first.sequence,
  };
}
