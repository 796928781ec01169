import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { type Actor, auditActor, nextStatus } from "../workflow/index.js";
import { type Broadcast, broadcastOf, contentHash } from "./broadcast.js";
import { BROADCAST_DECISIONS, BROADCAST_STATUSES, type BroadcastAction } from "./broadcast-statuses.js";
import type { BroadcastsTable } from "./broadcasts.table.js";

export interface BroadcastActionInput {
  agencyId: string;
  broadcastId: string;
  action: Exclude<BroadcastAction, "draft">;
  actor: Actor<Role>;
  at: Date;
  /** The version the officer's page showed: a broadcast changed since is BROADCAST_STALE. */
  expectedVersion?: number;
  /** A return's reason (required), a failure's (what LINE answered). */
  reason?: string | null;
  /** An edit's new content (the approval is cleared whatever it is). */
  changes?: Partial<Pick<BroadcastsTable, "title" | "text_th" | "text_en">>;
  /** A send's estimate of the friends it reaches. */
  estimatedRecipients?: number | null;
  ip?: string;
}

const rolesOf = (actor: Actor<Role>): readonly (Role | "system")[] =>
  actor.kind === "staff" ? actor.roles : actor.kind === "system" ? ["system"] : [];

const stampAfter = (previous: string, now: Date) =>
  new Date(Math.max(now.getTime(), new Date(previous).getTime() + 1)).toISOString();

/**
 * #17 broadcasts (CH-10): the one way a broadcast's status changes, inside the caller's transaction.
 * Checks the status table and roles, the version, the four eyes (an approver is neither the author nor
 * the last editor: BROADCAST_OWN_DECISION), and that a send carries exactly the approved content; then
 * writes the row, the event and the audit row (ids only).
 */
export async function recordBroadcastAction(trx: Db, input: BroadcastActionInput): Promise<Broadcast> {
  const row = await trx
    .selectFrom("broadcasts")
    .selectAll()
    .where("agency_id", "=", input.agencyId)
    .where("id", "=", input.broadcastId)
    .executeTakeFirst();
  if (!row) throw new AppError("BROADCAST_NOT_FOUND");
  const broadcast = broadcastOf(row);
  if (input.expectedVersion !== undefined && input.expectedVersion !== broadcast.version)
    throw new AppError("BROADCAST_STALE");
  let next: Broadcast["status"];
  try {
    next = nextStatus(BROADCAST_STATUSES, broadcast.status, input.action, rolesOf(input.actor));
  } catch (error) {
    if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
      throw new AppError("BROADCAST_ACTION_NOT_ALLOWED", { status: broadcast.status, action: input.action });
    throw error;
  }
  const staffId = input.actor.kind === "staff" ? input.actor.staffId : null;
  if (
    BROADCAST_DECISIONS.includes(input.action) &&
    (staffId === broadcast.draftedBy || staffId === broadcast.editedBy)
  )
    throw new AppError("BROADCAST_OWN_DECISION");
  // CH-10: what goes out is what was approved, byte for byte.
  if (input.action === "send" && broadcast.approvedHash !== contentHash(broadcast))
    throw new AppError("BROADCAST_NOT_APPROVED");
  const reason = input.reason?.trim() || null;
  if (input.action === "return" && !reason)
    throw new AppError("BROADCAST_REASON_REQUIRED", {}, { field: "reason" });
  const at = stampAfter(broadcast.updatedAt, input.at);
  const updated = await trx
    .updateTable("broadcasts")
    .set({
      status: next,
      version: broadcast.version + 1,
      updated_at: at,
      ...(input.action === "edit" && {
        ...input.changes,
        edited_by: staffId ?? broadcast.editedBy,
        approved_by: null,
        approved_hash: null,
      }),
      ...(input.action === "approve" && { approved_by: staffId, approved_hash: contentHash(broadcast) }),
      ...(input.action === "send" && {
        estimated_recipients: input.estimatedRecipients ?? null,
        failure: null,
      }),
      ...(input.action === "sent" && { sent_at: at }),
      ...(input.action === "fail" && { failure: reason }),
    })
    .where("id", "=", broadcast.id)
    // Optimistic: of two officers acting on the same version, the second updates nothing and is told so.
    .where("version", "=", broadcast.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("BROADCAST_STALE");
  const actor = auditActor(input.actor);
  await trx
    .insertInto("broadcast_events")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      broadcast_id: broadcast.id,
      action: input.action,
      from_status: broadcast.status,
      to_status: next,
      reason: input.action === "return" || input.action === "fail" ? reason : null,
      actor,
      at,
    })
    .execute();
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor,
    action: `broadcast.${input.action}`,
    subjectType: "broadcast",
    subjectId: broadcast.id,
    data: { status: { from: broadcast.status, to: next }, version: broadcast.version + 1 },
    ip: input.ip,
    at,
  });
  const after = await trx
    .selectFrom("broadcasts")
    .selectAll()
    .where("id", "=", broadcast.id)
    .executeTakeFirstOrThrow();
  return broadcastOf(after);
}
