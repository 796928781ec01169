import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Role } from "../staff/index.js";
import { entryFromRow, listAttachments } from "./entries.repo.js";
import type { AttachmentRecord } from "./entry.js";
import { parseReceiptNumber } from "./receipt-number.js";
import { type RegisterActor, recordAction } from "./record-action.js";

export interface OfficerContext {
  clock: Clock;
  staffId: string;
  /** The roles the officer holds: the status table says which may take each action. */
  roles: readonly Role[];
  ip?: string;
}

const actor = (ctx: OfficerContext) => `staff:${ctx.staffId}`;

/** The officer as the status table sees them. */
export const officerActor = (ctx: OfficerContext): RegisterActor => ({
  kind: "staff",
  staffId: ctx.staffId,
  roles: ctx.roles,
});

/** The common part of an officer's action on an entry of their agency. */
export const acting = (agencyId: string, entryId: string, ctx: OfficerContext) => ({
  agencyId,
  subject: { entryId },
  actor: officerActor(ctx),
  at: ctx.clock.now(),
  ip: ctx.ip,
});

async function getEntryRow(db: Db, agencyId: string, entryId: string) {
  const row = await db
    .selectFrom("entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  if (!row) throw new AppError("ENTRY_NOT_FOUND");
  return row;
}

/** An officer opens an entry: its personal data is read, so the read is audited (SC-1, PD-6). */
export async function readEntry(
  handle: DatabaseHandle,
  agencyId: string,
  entryId: string,
  ctx: OfficerContext,
) {
  const entry = entryFromRow(await getEntryRow(handle.db, agencyId, entryId));
  const attachments: AttachmentRecord[] = await listAttachments(handle.db, entryId);
  await recordAudit(handle.db, {
    agencyId,
    actor: actor(ctx),
    action: "entry.read",
    subjectType: "entry",
    subjectId: entryId,
    data: {},
    ip: ctx.ip,
    at: ctx.clock.now().toISOString(),
  });
  return { entry, attachments };
}

/** RG-1: a mistaken entry is cancelled with a reason; its number stays used. Throws ENTRY_CANCELLED. */
export async function cancelEntry(
  handle: DatabaseHandle,
  agencyId: string,
  entryId: string,
  reason: string,
  ctx: OfficerContext,
) {
  const why = reason.trim();
  if (why.length < 3 || why.length > 1000)
    throw new AppError("VALIDATION_FAILED", { detail: "reason" }, { field: "reason" });
  await recordAction(handle, {
    ...acting(agencyId, entryId, ctx),
    action: "cancel",
    payload: { reason: why },
  });
}

/** RG-5: routes an entry to a unit of the same agency (or none). */
export async function assignUnit(
  handle: DatabaseHandle,
  agencyId: string,
  entryId: string,
  unitId: string | null,
  ctx: OfficerContext,
) {
  await recordAction(handle, {
    ...acting(agencyId, entryId, ctx),
    action: "assign-unit",
    payload: { unitId },
  });
}

/**
 * Joins an entry to the matter of another receipt number of the same agency (a follow-up that came in
 * as a new matter). Its own matter, left empty, is removed. Throws MATTER_NOT_FOUND.
 */
export async function linkToMatter(
  handle: DatabaseHandle,
  agencyId: string,
  entryId: string,
  receiptNumber: string,
  ctx: OfficerContext,
) {
  if (!parseReceiptNumber(receiptNumber)) throw new AppError("MATTER_NOT_FOUND");
  await recordAction(handle, {
    ...acting(agencyId, entryId, ctx),
    action: "link-matter",
    payload: { receiptNumber },
  });
}

/** CH-5: records the morning or afternoon check of today's items. Throws CHECK_ALREADY_RECORDED. */
export async function recordCheck(
  handle: DatabaseHandle,
  agency: { id: string; timeZone: string },
  period: "morning" | "afternoon",
  ctx: OfficerContext,
): Promise<void> {
  const now = ctx.clock.now();
  const date = toLocal(now, agency.timeZone).date;
  try {
    await withTransaction(handle, async (trx) => {
      await trx
        .insertInto("register_checks")
        .values({
          agency_id: agency.id,
          check_date: date,
          period,
          checked_by: ctx.staffId,
          checked_at: now.toISOString(),
        })
        .execute();
      await recordAudit(trx, {
        agencyId: agency.id,
        actor: actor(ctx),
        action: "register.check",
        subjectType: "register",
        subjectId: `${agency.id}:${date}`,
        data: { period },
        ip: ctx.ip,
        at: now.toISOString(),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CHECK_ALREADY_RECORDED");
    throw error;
  }
}
