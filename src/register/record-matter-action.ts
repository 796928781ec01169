import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { type Db, isPostgres } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import {
  type Actor,
  actorRoles,
  auditActor,
  clockDue,
  nextStatus,
  type StatusTable,
} from "../workflow/index.js";
import { type Matter, matterFromRow } from "./matter.js";
import {
  DECIDED_STATUSES,
  END_STATUSES,
  MATTER_STATUSES,
  type MatterAction,
  type MatterActorRole,
  type MatterStatus,
  OFFICERS_ONLY_ACTIONS,
  PAUSING_STATUSES,
} from "./matter-statuses.js";
import type { MatterRow } from "./register.table.js";

export type MatterActor = Actor<MatterActorRole>;

/** Facts an action carries: plain values; personal data by id. `text` (a comment, a memo, reasons) stays out of the audit row. */
export type MatterFacts = Record<string, string | number | boolean | null | readonly string[]>;

/** The payloads of the actions that write the matter's own columns. */
export interface MatterActionPayloads {
  claim: MatterFacts;
  assign: MatterFacts & { staffId: string };
  /** RG-5: routed to a unit with a memo (`text`). */
  route: MatterFacts & { unitId: string; text: string };
}

export type MatterActionInput = {
  [A in MatterAction]: {
    /** When given, the matter must belong to this agency (officers act within theirs). */
    agencyId?: string;
    subject: { matterId: string };
    action: A;
    payload: A extends keyof MatterActionPayloads ? MatterActionPayloads[A] : MatterFacts;
    actor: MatterActor;
    at: Date;
    ip?: string;
    /** The version the actor's page showed: another → MATTER_CHANGED (409), so nothing is applied twice. */
    expectedVersion?: number;
    /** An officer bound to units acts only on their units' matters (others: MATTER_NOT_FOUND). */
    unitIds?: readonly string[];
  };
}[MatterAction];

export interface MatterActionResult {
  recorded: true;
  from: MatterStatus;
  to: MatterStatus;
  /** The matter as it stands after the action. */
  matter: Matter;
  actionId: string;
}

/**
 * A matter's action, inside the caller's transaction: the status table of its kind is checked, the
 * action's columns, the new status and version, the timeline row and the audit row `matter.<action>`
 * are written together. The clock pauses while the applicant is awaited and its due time moves on by
 * the days it stood still (LF-1); a decision and an end are dated.
 */
export async function recordMatterAction(trx: Db, input: MatterActionInput): Promise<MatterActionResult> {
  let query = trx.selectFrom("matters").selectAll().where("id", "=", input.subject.matterId);
  if (input.agencyId) query = query.where("agency_id", "=", input.agencyId);
  const row = await (isPostgres(trx) ? query.forNoKeyUpdate() : query).executeTakeFirst();
  if (!row) throw new AppError("MATTER_NOT_FOUND");
  const matter = matterFromRow(row);
  if (input.unitIds && !(matter.unitId && input.unitIds.includes(matter.unitId)))
    throw new AppError("MATTER_NOT_FOUND");
  if (input.expectedVersion !== undefined && input.expectedVersion !== matter.version)
    throw new AppError("MATTER_CHANGED", { version: matter.version });
  // Each kind's table names only its own statuses; a status absent from it allows nothing.
  const table = MATTER_STATUSES[matter.kind] as unknown as StatusTable<
    MatterStatus,
    MatterAction,
    MatterActorRole
  >;
  const from = matter.status;
  const to = nextStatus(table, from, input.action, actorRoles(input.actor));
  const now = input.at.toISOString();
  const staffId = input.actor.kind === "staff" ? input.actor.staffId : null;
  const set: Record<string, string | number | null> = {
    status: to,
    updated_at: now,
    version: matter.version + 1,
  };

  if (input.action === "claim") Object.assign(set, { assigned_to: staffId, assigned_at: now });
  if (input.action === "assign") Object.assign(set, { assigned_to: input.payload.staffId, assigned_at: now });
  if (input.action === "route")
    Object.assign(set, { unit_id: input.payload.unitId, assigned_to: null, assigned_at: null });
  if (!PAUSING_STATUSES.includes(from) && PAUSING_STATUSES.includes(to)) {
    set.paused_at = now;
    await trx
      .insertInto("matter_pauses")
      .values({ id: newId(), matter_id: matter.id, status: to, started_at: now, ended_at: null })
      .execute();
  }
  if (PAUSING_STATUSES.includes(from) && !PAUSING_STATUSES.includes(to)) {
    set.paused_at = null;
    await trx
      .updateTable("matter_pauses")
      .set({ ended_at: now })
      .where("matter_id", "=", matter.id)
      .where("ended_at", "is", null)
      .execute();
    set.due_at = await dueAfterPause(trx, matter, input.at);
  }
  if (DECIDED_STATUSES.includes(to) && !matter.decidedAt) set.decided_at = now;
  if (END_STATUSES.includes(to) && !END_STATUSES.includes(from)) set.ended_at = now;
  await trx.updateTable("matters").set(set).where("id", "=", matter.id).execute();

  const actionId = newId();
  const version = matter.version + 1;
  const visibility = OFFICERS_ONLY_ACTIONS.includes(input.action) ? "officers" : "public";
  await trx
    .insertInto("matter_actions")
    .values({
      id: actionId,
      agency_id: matter.agencyId,
      matter_id: matter.id,
      version,
      action: input.action,
      from_status: from,
      to_status: to,
      actor: auditActor(input.actor),
      at: now,
      payload: JSON.stringify(input.payload),
      visibility,
    })
    .execute();
  const { text, ...facts } = input.payload as MatterFacts;
  await recordAudit(trx, {
    agencyId: matter.agencyId,
    actor: auditActor(input.actor),
    action: `matter.${input.action}`,
    subjectType: "matter",
    subjectId: matter.id,
    data: {
      ...facts,
      actionId,
      version,
      ...(text !== undefined && { textLength: String(text).length }),
      ...(to !== from && { status: { from, to } }),
    },
    ip: input.ip,
    at: now,
  });
  // The row as written: the locked row with this action's columns, no second read of it.
  const after = { ...row, ...set } as MatterRow;
  return { recorded: true, from, to, matter: matterFromRow(after), actionId };
}

/** LF-1: the manual's time, moved on by every day the clock stood still (the pause just ended included). */
async function dueAfterPause(trx: Db, matter: Matter, at: Date): Promise<string | null> {
  if (!matter.timeLimit || !matter.clockStart) return null;
  const agency = await findAgency(trx, matter.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const calendar = await loadBusinessCalendar(trx, agency);
  const pauses = await trx
    .selectFrom("matter_pauses")
    .select(["started_at", "ended_at"])
    .where("matter_id", "=", matter.id)
    .execute();
  return clockDue(calendar, {
    start: matter.clockStart,
    amount: matter.timeLimit.amount,
    kind: matter.timeLimit.dayKind,
    pauses: pauses.map((p) => ({
      startedAt: new Date(p.started_at),
      endedAt: p.ended_at ? new Date(p.ended_at) : at,
    })),
    at,
  }).toISOString();
}
