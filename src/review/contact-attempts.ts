import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { recordAction } from "../register/index.js";
import type { ContactAttemptRow } from "./deficiency.table.js";
import type { OfficerActor } from "./deficiency-request.js";

export const CONTACT_CHANNELS = ["phone", "email", "line", "post", "in-person"] as const;
export const CONTACT_OUTCOMES = ["reached", "unreachable"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface ContactAttemptInput {
  agencyId: string;
  matterId: string;
  expectedVersion: number;
  channel: string;
  outcome: string;
  note: string;
}

/**
 * RV-3: an officer records an attempt to reach the applicant (the action `record-contact-attempt`, seen
 * by officers only, and its row, whose unreachable runs start the 30 calendar days).
 * Throws CONTACT_ATTEMPT_INVALID and recordAction's MATTER_NOT_FOUND, MATTER_CHANGED, ACTION_NOT_ALLOWED.
 */
export async function recordContactAttempt(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: ContactAttemptInput,
  actor: OfficerActor,
): Promise<void> {
  const channel = CONTACT_CHANNELS.find((c) => c === input.channel);
  const outcome = CONTACT_OUTCOMES.find((o) => o === input.outcome);
  if (!channel || !outcome) throw new AppError("CONTACT_ATTEMPT_INVALID");
  const at = deps.clock.now();
  await withTransaction(deps.handle, async (trx) => {
    const attemptId = newId();
    const { actionId } = await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "record-contact-attempt",
      payload: { attemptId, channel, outcome, text: input.note },
      actor: { kind: "staff", staffId: actor.staffId, roles: [...actor.roles] },
      at,
      ip: actor.ip,
      expectedVersion: input.expectedVersion,
      unitIds: actor.unitIds,
    });
    await trx
      .insertInto("contact_attempts")
      .values({
        id: attemptId,
        agency_id: input.agencyId,
        matter_id: input.matterId,
        action_id: actionId,
        channel,
        outcome,
        staff_id: actor.staffId,
        at: at.toISOString(),
        proposed_at: null,
      })
      .execute();
  });
}

/** A matter's attempts, oldest first. */
export async function listContactAttempts(db: Db, matterId: string): Promise<ContactAttemptRow[]> {
  return db
    .selectFrom("contact_attempts")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

/**
 * RV-3: the unreachable attempts since the applicant was last reached (none when the last attempt
 * reached them). Its first attempt starts the 30 calendar days.
 */
export function unreachableRun(attempts: readonly ContactAttemptRow[]): ContactAttemptRow[] {
  const lastReached = attempts.findLastIndex((a) => a.outcome === "reached");
  return attempts.slice(lastReached + 1).filter((a) => a.outcome === "unreachable");
}

/** Matters with an unreachable attempt at or before `before` not yet proposed for closing: for the sweep. */
export async function listMattersToConsiderAbandoned(db: Db, before: Date, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom("contact_attempts")
    .select("matter_id")
    .distinct()
    .where("outcome", "=", "unreachable")
    .where("proposed_at", "is", null)
    .where("at", "<=", before.toISOString())
    .limit(limit)
    .execute();
  return rows.map((r) => r.matter_id);
}

/**
 * Marks the matter's unreachable attempts up to `at` as proposed on; 0 when another sweep already did
 * (so the proposal is recorded once per run of attempts).
 */
export async function markProposed(trx: Db, matterId: string, at: string): Promise<number> {
  const result = await trx
    .updateTable("contact_attempts")
    .set({ proposed_at: at })
    .where("matter_id", "=", matterId)
    .where("outcome", "=", "unreachable")
    .where("proposed_at", "is", null)
    .where("at", "<=", at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
