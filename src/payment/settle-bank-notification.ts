import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { UNRESOLVED_OUTCOMES } from "./bank-notifications.repo.js";
import type { FinanceOfficer } from "./resolve-statement-line.js";

/**
 * PY-3, PY-4: the finance officer settles a bank notification that paid no notice (money refunded to the
 * payer, a notice issued again, a duplicate the bank confirmed) with the reason written down. Nothing is
 * paid here: money reaches a notice only through `recordPayment`. A settled one leaves the queue.
 */
export async function settleBankNotification(
  handle: DatabaseHandle,
  input: { agencyId: string; notificationId: string; reason: string },
  officer: FinanceOfficer,
  at: Date,
): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("STATEMENT_REASON_REQUIRED");
  await withTransaction(handle, async (trx) => {
    const now = at.toISOString();
    const by = `staff:${officer.staffId}`;
    const settled = await trx
      .updateTable("bank_notifications")
      .set({ resolved_at: now, resolved_by: by, resolution_note: reason.slice(0, 500) })
      .where("agency_id", "=", input.agencyId)
      .where("id", "=", input.notificationId)
      .where("outcome", "in", [...UNRESOLVED_OUTCOMES])
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(settled.numUpdatedRows) !== 1) throw new AppError("NOT_FOUND");
    // Free text stays out of the audit row (it may name the payer); it is kept sealed on the row.
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: by,
      action: "payment.bank-notification-settled",
      subjectType: "bank_notification",
      subjectId: input.notificationId,
      data: {},
      ip: officer.ip,
      at: now,
    });
  });
}
