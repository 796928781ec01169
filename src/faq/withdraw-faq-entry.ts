import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type FaqOfficer, mayPublishFaq } from "./faq-roles.js";
import { unindexFaqEntry } from "./faq-search.js";

export interface WithdrawFaqEntryInput {
  agencyId: string;
  entryId: string;
  reason: string;
  officer: FaqOfficer;
  ip?: string;
}

/**
 * IF-4: takes an entry out of the FAQ with a reason: its status, its search words and the audit row in
 * one transaction, so no page, feed or search shows it after. Only a published entry can be withdrawn
 * (FAQ_ENTRY_NOT_FOUND otherwise, as for another agency's).
 */
export async function withdrawFaqEntry(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: WithdrawFaqEntryInput,
): Promise<void> {
  if (!mayPublishFaq(input.officer.roles)) throw new AppError("FORBIDDEN");
  const reason = input.reason.trim();
  if (!reason || reason.length > 2000)
    throw new AppError("FAQ_ENTRY_INVALID", { field: "reason" }, { field: "reason" });
  await withTransaction(deps.handle, async (trx) => {
    const at = deps.clock.now().toISOString();
    const result = await trx
      .updateTable("faq_entries")
      .set({
        status: "withdrawn",
        withdrawn_by: input.officer.staffId,
        withdrawn_at: at,
        withdrawn_reason: reason,
      })
      .where("agency_id", "=", input.agencyId)
      .where("id", "=", input.entryId)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("FAQ_ENTRY_NOT_FOUND");
    await unindexFaqEntry(trx, input.entryId);
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${input.officer.staffId}`,
      action: "faq.withdraw",
      subjectType: "faq_entry",
      subjectId: input.entryId,
      data: {},
      ip: input.ip,
      at,
    });
  });
}
