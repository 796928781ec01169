import type { Db } from "../platform/db/database.js";
import type { PaymentSource } from "./payment.table.js";

/** When and how a notice was paid, as its pages show it (no payer's name: that is sealed and not needed). */
export interface NoticePayment {
  noticeId: string;
  source: PaymentSource;
  paidAt: Date;
}

/** The payments of a matter's notices, by notice id (one at most each: a notice is paid once). */
export async function listMatterPayments(db: Db, matterId: string): Promise<Map<string, NoticePayment>> {
  const rows = await db
    .selectFrom("payments")
    .select(["notice_id", "source", "paid_at"])
    .where("matter_id", "=", matterId)
    .execute();
  return new Map(
    rows.map((r) => [r.notice_id, { noticeId: r.notice_id, source: r.source, paidAt: new Date(r.paid_at) }]),
  );
}
