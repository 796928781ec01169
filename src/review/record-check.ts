import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import type { ReviewCheck } from "./checks.repo.js";
import { checkFromRow, insertCheck } from "./checks.repo.js";
import type { CheckKind, CheckOutcome, ReviewChecksTable } from "./checks.table.js";
import { checkedItem, loadReviewSubject, type ReviewSubject } from "./review-subject.js";

export interface NewCheck {
  agencyId: string;
  matterId: string;
  /** The matter's version the officer's form was drawn at (stale → MATTER_CHANGED). */
  expectedVersion: number;
  kind: CheckKind;
  itemId: string;
  /** A signature check's file (one of the item's submitted files). */
  attachmentId?: string;
  outcome: CheckOutcome;
  note: string;
  verification?: Record<string, unknown>;
}

export interface CheckActor {
  staffId: string;
  roles: readonly Role[];
  /** From `officerScope`: an officer bound to units checks only their units' matters. */
  unitIds?: readonly string[];
  at: Date;
  ip?: string;
}

/**
 * RV-1, RV-4, LF-2: records one finding on an application under check — a `record-check` action on the
 * matter (the status table allows it only while in review; the form's version must be current) and
 * the check's own row, in one transaction. A later check of the same item is the current one.
 * Throws MATTER_NOT_FOUND, REVIEW_ITEM_UNKNOWN, MATTER_CHANGED, ACTION_NOT_ALLOWED, ACTION_FORBIDDEN.
 */
export async function recordCheck(
  handle: DatabaseHandle,
  input: NewCheck,
  actor: CheckActor,
  loaded?: ReviewSubject,
): Promise<ReviewCheck> {
  const subject = loaded ?? (await loadReviewSubject(handle.db, input.agencyId, input.matterId, actor));
  checkedItem(subject, input.kind, input.itemId);
  if (input.kind === "signature") {
    const file = subject.application.documents.find(
      (d) => d.documentId === input.itemId && d.attachmentId === input.attachmentId,
    );
    if (!file) throw new AppError("REVIEW_ITEM_UNKNOWN", { item: input.itemId }, { field: "attachment" });
  } else if (input.attachmentId) throw new AppError("REVIEW_ITEM_UNKNOWN", { item: input.itemId });
  const checkId = newId();
  return withTransaction(handle, async (trx) => {
    const done = await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "record-check",
      payload: {
        checkId,
        kind: input.kind,
        item: input.itemId,
        outcome: input.outcome,
        ...(input.attachmentId ? { attachmentId: input.attachmentId } : {}),
        ...(input.note ? { text: input.note } : {}),
      },
      actor: { kind: "staff", staffId: actor.staffId, roles: actor.roles },
      at: actor.at,
      ip: actor.ip,
      expectedVersion: input.expectedVersion,
      unitIds: actor.unitIds,
    });
    const row: ReviewChecksTable = {
      id: checkId,
      agency_id: input.agencyId,
      matter_id: input.matterId,
      application_id: subject.application.id,
      item_kind: input.kind,
      item_id: input.itemId,
      attachment_id: input.attachmentId ?? null,
      outcome: input.outcome,
      note: input.note,
      verification: input.verification ? JSON.stringify(input.verification) : null,
      matter_action_id: done.actionId,
      matter_version: done.matter.version,
      checked_by: `staff:${actor.staffId}`,
      checked_at: actor.at.toISOString(),
    };
    await insertCheck(trx, row);
    return checkFromRow(row);
  });
}
