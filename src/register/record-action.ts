import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, type Db, isPostgres, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Actor, actorRoles, auditActor, nextStatus } from "../workflow/index.js";
import { entryFromRow } from "./entries.repo.js";
import type { Entry } from "./entry.js";
import { ENTRY_EFFECTS, type EntryActionPayloads } from "./entry-actions.js";
import {
  type MatterActionInput,
  type MatterActionResult,
  recordMatterAction,
} from "./record-matter-action.js";
import { ENTRY_STATUSES, type EntryAction, type RegisterActorRole } from "./statuses.js";

export type RegisterActor = Actor<RegisterActorRole>;

interface ActionCommon {
  /** When given, the subject must belong to this agency (officers act within theirs). */
  agencyId?: string;
  actor: RegisterActor;
  /** When the action is recorded. */
  at: Date;
  ip?: string;
}

/** One entry action with its payload, typed together. */
export type EntryActionInput = {
  [A in EntryAction]: ActionCommon & {
    subject: { entryId: string };
    action: A;
    payload: EntryActionPayloads[A];
  };
}[EntryAction];

export interface ActionResult<S> {
  /** False when there was nothing to record (an acknowledgement recorded before); nothing was written. */
  recorded: boolean;
  from: S;
  to: S;
}

const isHandle = (db: DatabaseHandle | Db): db is DatabaseHandle =>
  typeof (db as DatabaseHandle).dialect === "string" && "db" in db;

/**
 * Every change of an entry's or a matter's state goes through here: checks the status table
 * (`ENTRY_STATUSES`; a matter's kind's table in `MATTER_STATUSES`, see `recordMatterAction`) for the subject's status and the actor's roles, writes the
 * action's columns, the new status and the audit row `entry.<action>` / `matter.<action>` in one
 * transaction: the caller's when given one, else its own (pass the handle or a transaction, never
 * `handle.db`). The subject's row is locked (PostgreSQL; SQLite takes its write lock at BEGIN), so the
 * status checked is the status changed. Returns the entry as it stood before, for entry actions.
 * Throws ENTRY_NOT_FOUND / MATTER_NOT_FOUND, ACTION_NOT_ALLOWED (409; ENTRY_CANCELLED for a cancelled
 * entry), ACTION_FORBIDDEN (403), and the action's own codes (e.g. ENTRY_ALREADY_ACKNOWLEDGED).
 *
 * @example
 * await recordAction(handle, {
 *   agencyId, subject: { entryId }, action: "cancel", payload: { reason: "ลงรับซ้ำ" },
 *   actor: { kind: "staff", staffId, roles }, at: clock.now(),
 * });
 */
export async function recordAction(
  db: DatabaseHandle | Db,
  input: EntryActionInput,
): Promise<ActionResult<Entry["status"]> & { entry: Entry }>;
export async function recordAction(
  db: DatabaseHandle | Db,
  input: MatterActionInput,
): Promise<MatterActionResult>;
export async function recordAction(
  db: DatabaseHandle | Db,
  input: EntryActionInput | MatterActionInput,
): Promise<ActionResult<string> | MatterActionResult> {
  if (isHandle(db)) return withTransaction(db, (trx) => recordIn(trx, input));
  return recordIn(db, input);
}

async function recordIn(
  trx: Db,
  input: EntryActionInput | MatterActionInput,
): Promise<ActionResult<string> | MatterActionResult> {
  if ("matterId" in input.subject) return recordMatterAction(trx, input as MatterActionInput);
  const entryInput = input as EntryActionInput;
  const entryId = entryInput.subject.entryId;
  let query = trx.selectFrom("entries").selectAll().where("id", "=", entryId);
  if (input.agencyId) query = query.where("agency_id", "=", input.agencyId);
  const row = await (isPostgres(trx) ? query.forNoKeyUpdate() : query).executeTakeFirst();
  if (!row) throw new AppError("ENTRY_NOT_FOUND");
  const entry = entryFromRow(row);
  // An applicant holds no entry role: the table refuses them every entry action.
  const roles = actorRoles(input.actor) as readonly RegisterActorRole[];
  const to = nextStatus(ENTRY_STATUSES, entry.status, entryInput.action, roles, {
    cancelled: "ENTRY_CANCELLED",
  });
  const now = input.at.toISOString();
  const effect = ENTRY_EFFECTS[entryInput.action] as (
    trx: Db,
    entry: Entry,
    payload: unknown,
    ctx: { agencyId: string; staffId: string | null; now: string },
  ) => Promise<object | undefined>;
  const staffId = input.actor.kind === "staff" ? input.actor.staffId : null;
  const data = await effect(trx, entry, entryInput.payload, { agencyId: entry.agencyId, staffId, now });
  if (!data) return { recorded: false, from: entry.status, to: entry.status, entry } as ActionResult<string>;
  if (to !== entry.status)
    await trx.updateTable("entries").set({ status: to }).where("id", "=", entryId).execute();
  const status = to !== entry.status ? { status: { from: entry.status, to } } : {};
  await recordAudit(trx, {
    agencyId: entry.agencyId,
    actor: auditActor(input.actor),
    action: `entry.${entryInput.action}`,
    subjectType: "entry",
    subjectId: entryId,
    data: { ...data, ...status },
    ip: input.ip,
    at: now,
  });
  return { recorded: true, from: entry.status, to, entry } as ActionResult<string>;
}
