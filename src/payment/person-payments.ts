import type { Db } from "../platform/db/database.js";

/** The payment notices, payments and e-receipts of a person's matters (PD-3), as the export gives them. */
export interface PersonPayments {
  notices: {
    id: string;
    matterId: string;
    ref1: string;
    amountSatang: number;
    lines: unknown;
    dueAt: string;
    status: string;
    createdAt: string;
  }[];
  payments: {
    id: string;
    noticeId: string;
    matterId: string;
    amountSatang: number;
    source: string;
    bankReference: string | null;
    paidAt: string;
    payerName: string | null;
  }[];
  receipts: {
    id: string;
    paymentId: string;
    matterId: string;
    receiptNumber: string;
    amountSatang: number;
    issuedAt: string;
    status: string;
    payerName: string | null;
    /** File store key of the signed PDF, when made: the export copies the file. */
    pdfKey: string | null;
  }[];
}

/**
 * #17 export (PD-3, s.30): the money rows of these matters only (the matters the export already tied to
 * the person); the payer's name comes out opened by the plugin. Bigint amounts are read through Number().
 */
export async function listPersonPayments(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonPayments> {
  if (matterIds.length === 0) return { notices: [], payments: [], receipts: [] };
  const ids = [...matterIds];
  const notices = await db
    .selectFrom("payment_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", ids)
    .orderBy("created_at")
    .execute();
  const payments = await db
    .selectFrom("payments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", ids)
    .orderBy("paid_at")
    .execute();
  const receipts = await db
    .selectFrom("e_receipts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", ids)
    .orderBy("issued_at")
    .execute();
  return {
    notices: notices.map((n) => ({
      id: n.id,
      matterId: n.matter_id,
      ref1: n.ref1,
      amountSatang: Number(n.amount_satang),
      lines: JSON.parse(n.lines) as unknown,
      dueAt: n.due_at,
      status: n.status,
      createdAt: n.created_at,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      noticeId: p.notice_id,
      matterId: p.matter_id,
      amountSatang: Number(p.amount_satang),
      source: p.source,
      bankReference: p.bank_reference,
      paidAt: p.paid_at,
      payerName: p.payer_name,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      paymentId: r.payment_id,
      matterId: r.matter_id,
      receiptNumber: r.receipt_number,
      amountSatang: Number(r.amount_satang),
      issuedAt: r.issued_at,
      status: r.status,
      payerName: r.payer_name,
      pdfKey: r.pdf_key,
    })),
  };
}
