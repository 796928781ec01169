import type { Db } from "../platform/db/database.js";
import { noticeFromRow, type PaymentNotice } from "./notice.js";
import { listLinesInState } from "./statements.repo.js";
import type { StatementLineRow } from "./statements.table.js";

const DUE_SOON_MS = 3 * 24 * 60 * 60_000;

/** PY-3: what the finance officer has to resolve, both ways. */
import { listUnresolvedNotifications, type UnresolvedNotification } from "./bank-notifications.repo.js";
export interface ReconciliationQueue {
  /** Money without a notice: statement lines no notice took. */
  unmatched: StatementLineRow[];
  /** Money whose Ref1 names a notice of another amount, with that notice. */
  differs: { line: StatementLineRow; notice: PaymentNotice | undefined }[];
  /** Notices without money: open and past due, then open and due within three days. */
  overdue: PaymentNotice[];
  dueSoon: PaymentNotice[];
  /** Money the bank's notifications reported that paid no notice (PY-4), until the officer settles it. */
  notifications: UnresolvedNotification[];
}

/** Reads the finance queue of an agency at `now` (each list capped at 200, oldest first). */
export async function readReconciliationQueue(
  db: Db,
  agencyId: string,
  now: Date,
): Promise<ReconciliationQueue> {
  const unmatched = await listLinesInState(db, agencyId, ["unmatched"]);
  const differing = await listLinesInState(db, agencyId, ["amount-differs"]);
  const noticeIds = [...new Set(differing.map((l) => l.notice_id).filter((id): id is string => !!id))];
  const linked =
    noticeIds.length === 0
      ? []
      : await db
          .selectFrom("payment_notices")
          .selectAll()
          .where("agency_id", "=", agencyId)
          .where("id", "in", noticeIds)
          .execute();
  const byId = new Map(linked.map((r) => [r.id, noticeFromRow(r)]));
  const open = (from: string | undefined, to: string) => {
    let query = db
      .selectFrom("payment_notices")
      .selectAll()
      .where("agency_id", "=", agencyId)
      .where("status", "=", "open")
      .where("due_at", "<", to);
    if (from) query = query.where("due_at", ">=", from);
    return query.orderBy("due_at").orderBy("id").limit(200).execute();
  };
  const nowIso = now.toISOString();
  return {
    unmatched,
    differs: differing.map((line) => ({
      line,
      notice: line.notice_id ? byId.get(line.notice_id) : undefined,
    })),
    overdue: (await open(undefined, nowIso)).map(noticeFromRow),
    dueSoon: (await open(nowIso, new Date(now.getTime() + DUE_SOON_MS).toISOString())).map(noticeFromRow),
    notifications: await listUnresolvedNotifications(db, agencyId),
  };
}
