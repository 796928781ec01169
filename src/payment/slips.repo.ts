import type { Db } from "../platform/db/database.js";
import type { PaymentSlipRow, SlipChannel, SlipState } from "./slips.table.js";

/** PY-2: a payment slip as the payment room shows it. */
export interface PaymentSlip {
  id: string;
  agencyId: string;
  matterId: string;
  noticeId: string | null;
  fileKey: string;
  mediaType: string;
  channel: SlipChannel;
  entryId: string | null;
  attachmentId: string | null;
  receivedAt: Date;
  slipQr: string | null;
  bankReference: string | null;
  sendingBank: string | null;
  state: SlipState;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  paymentId: string | null;
  version: number;
}

export function slipFromRow(row: PaymentSlipRow): PaymentSlip {
  return {
    id: row.id,
    agencyId: row.agency_id,
    matterId: row.matter_id,
    noticeId: row.notice_id,
    fileKey: row.file_key,
    mediaType: row.media_type,
    channel: row.channel,
    entryId: row.entry_id,
    attachmentId: row.attachment_id,
    receivedAt: new Date(row.received_at),
    slipQr: row.slip_qr,
    bankReference: row.bank_reference,
    sendingBank: row.sending_bank,
    state: row.state,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    reason: row.reason,
    paymentId: row.payment_id,
    version: Number(row.version),
  };
}

/** A slip of the agency, or undefined (another agency's is not said to exist). */
export async function findSlip(db: Db, agencyId: string, slipId: string): Promise<PaymentSlip | undefined> {
  const row = await db
    .selectFrom("payment_slips")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", slipId)
    .executeTakeFirst();
  return row && slipFromRow(row);
}

/** The slips of a matter, newest first. */
export async function listMatterSlips(db: Db, matterId: string): Promise<PaymentSlip[]> {
  const rows = await db
    .selectFrom("payment_slips")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(slipFromRow);
}

/** The agency's slips waiting for a finance officer, oldest first (at most `limit`). */
export async function listPendingSlips(db: Db, agencyId: string, limit = 200): Promise<PaymentSlip[]> {
  const rows = await db
    .selectFrom("payment_slips")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("state", "=", "pending")
    .orderBy("received_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(slipFromRow);
}

export async function countPendingSlips(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom("payment_slips")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Attachments already made slips, of those given (the sweep's idempotence). */
export async function slipAttachmentIds(db: Db, attachmentIds: readonly string[]): Promise<Set<string>> {
  if (attachmentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("payment_slips")
    .select("attachment_id")
    .where("attachment_id", "in", attachmentIds)
    .execute();
  return new Set(rows.map((r) => r.attachment_id ?? ""));
}
