import { findUnit } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { entryFromRow, listAttachments } from "./entries.repo.js";
import type { AttachmentRecord, Entry } from "./entry.js";
import { parseReceiptNumber } from "./receipt-number.js";

export interface OfficerContext {
  clock: Clock;
  staffId: string;
  ip?: string;
}

const actor = (ctx: OfficerContext) => `staff:${ctx.staffId}`;

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

/** Changes one entry and writes its audit row in the same transaction. */
export async function changeEntry(
  handle: DatabaseHandle,
  agencyId: string,
  entryId: string,
  action: string,
  ctx: OfficerContext,
  change: (trx: Db, entry: Entry) => Promise<unknown>,
): Promise<void> {
  await withTransaction(handle, async (trx) => {
    const entry = entryFromRow(await getEntryRow(trx, agencyId, entryId));
    if (entry.status === "cancelled") throw new AppError("ENTRY_CANCELLED");
    const data = await change(trx, entry);
    await recordAudit(trx, {
      agencyId,
      actor: actor(ctx),
      action,
      subjectType: "entry",
      subjectId: entryId,
      data,
      ip: ctx.ip,
      at: ctx.clock.now().toISOString(),
    });
  });
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
  await changeEntry(handle, agencyId, entryId, "entry.cancel", ctx, async (trx) => {
    await trx
      .updateTable("entries")
      .set({
        status: "cancelled",
        cancelled_at: ctx.clock.now().toISOString(),
        cancelled_by: ctx.staffId,
        cancel_reason: why,
      })
      .where("id", "=", entryId)
      .execute();
    return { reason: why };
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
  await changeEntry(handle, agencyId, entryId, "entry.assign-unit", ctx, async (trx, entry) => {
    if (unitId) {
      const unit = await findUnit(trx, agencyId, unitId);
      if (!unit) throw new AppError("VALIDATION_FAILED", { detail: "unit" }, { field: "unit" });
    }
    await trx.updateTable("entries").set({ unit_id: unitId }).where("id", "=", entryId).execute();
    return { from: entry.unitId, to: unitId };
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
  const parsed = parseReceiptNumber(receiptNumber);
  if (!parsed) throw new AppError("MATTER_NOT_FOUND");
  await changeEntry(handle, agencyId, entryId, "entry.link-matter", ctx, async (trx, entry) => {
    const target = await trx
      .selectFrom("entries")
      .select("matter_id")
      .where("agency_id", "=", agencyId)
      .where("be_year", "=", parsed.beYear)
      .where("sequence", "=", parsed.sequence)
      .executeTakeFirst();
    if (!target || target.matter_id === entry.matterId) throw new AppError("MATTER_NOT_FOUND");
    await trx.updateTable("entries").set({ matter_id: target.matter_id }).where("id", "=", entryId).execute();
    const left = await trx
      .selectFrom("entries")
      .select("id")
      .where("matter_id", "=", entry.matterId)
      .executeTakeFirst();
    if (!left) await trx.deleteFrom("matters").where("id", "=", entry.matterId).execute();
    return { from: entry.matterId, to: target.matter_id, receiptNumber };
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
