import type { Db } from "../platform/db/database.js";
import type { CheckKind, CheckOutcome, ReviewCheckRow, ReviewChecksTable } from "./checks.table.js";

/** One finding as other parts read it (the deficiency record prefills from the current ones). */
export interface ReviewCheck {
  id: string;
  matterId: string;
  applicationId: string;
  kind: CheckKind;
  /** The manual's checklist document (RequiredDocument.id). */
  itemId: string;
  attachmentId: string | null;
  outcome: CheckOutcome;
  note: string;
  verification: Record<string, unknown> | null;
  matterActionId: string;
  checkedBy: string;
  checkedAt: Date;
}

export function checkFromRow(row: ReviewCheckRow): ReviewCheck {
  return {
    id: row.id,
    matterId: row.matter_id,
    applicationId: row.application_id,
    kind: row.item_kind,
    itemId: row.item_id,
    attachmentId: row.attachment_id,
    outcome: row.outcome,
    note: row.note,
    verification: row.verification ? (JSON.parse(row.verification) as Record<string, unknown>) : null,
    matterActionId: row.matter_action_id,
    checkedBy: row.checked_by,
    checkedAt: new Date(row.checked_at),
  };
}

export async function insertCheck(trx: Db, row: ReviewChecksTable): Promise<void> {
  await trx.insertInto("review_checks").values(row).execute();
}

/** Every check of a matter, oldest first (the history). */
export async function listChecks(db: Db, matterId: string): Promise<ReviewCheck[]> {
  // In the order of the timeline (the matter's versions): two checks in one millisecond stay ordered.
  const rows = await db
    .selectFrom("review_checks")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("matter_version")
    .execute();
  return rows.map(checkFromRow);
}

/** The key of an item: a later check of the same key replaces an earlier one as the current finding. */
export const checkKey = (c: { kind: CheckKind; itemId: string; attachmentId: string | null }) =>
  `${c.kind}:${c.itemId}:${c.attachmentId ?? ""}`;

/**
 * RV-4: the current finding of each item of a matter's check (the latest check per kind, checklist
 * document and file), in checklist order as first checked. The deficiency record lists the missing
 * and defective ones from here.
 */
export async function listCurrentChecks(db: Db, matterId: string): Promise<ReviewCheck[]> {
  const current = new Map<string, ReviewCheck>();
  // Checks of one matter are few (tens): reading them all is simpler than a window query on both databases.
  for (const check of await listChecks(db, matterId)) current.set(checkKey(check), check);
  return [...current.values()];
}
