import { findAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { END_STATUSES, findMatter, recordAction } from "../register/index.js";
import { countDaysOfKind, type DayKind } from "../workflow/index.js";
import {
  listContactAttempts,
  listMattersToConsiderAbandoned,
  markProposed,
  unreachableRun,
} from "./contact-attempts.js";
import type { OfficerActor } from "./deficiency-request.js";

/** RV-3: an unreachable applicant's matter is kept at least this many days of this kind. */
export const ABANDON_AFTER = { days: 30, kind: "calendar" satisfies DayKind } as const;

/** Where the 30 calendar days of a matter stand: since when, how many have passed, and whether they have. */
export interface AbandonClock {
  firstUnreachableAt: Date;
  daysPassed: number;
  due: boolean;
  proposed: boolean;
}

/** RV-3: the matter's 30-day clock, counted from the first unreachable attempt since it was last reached. */
export async function abandonClock(db: Db, agencyId: string, matterId: string, now: Date) {
  const run = unreachableRun(await listContactAttempts(db, matterId));
  const first = run[0];
  if (!first) return undefined;
  const agency = await findAgency(db, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const calendar = await loadBusinessCalendar(db, agency);
  const firstUnreachableAt = new Date(first.at);
  // RV-3: calendar days, whatever the manual counts.
  const daysPassed = countDaysOfKind(calendar, firstUnreachableAt, now, ABANDON_AFTER.kind);
  return {
    firstUnreachableAt,
    daysPassed,
    due: daysPassed >= ABANDON_AFTER.days,
    proposed: run.some((a) => a.proposed_at !== null),
  } satisfies AbandonClock;
}

/**
 * RV-3: after 30 calendar days since the first unreachable attempt (none reached since), Borikan proposes
 * closing the matter as abandoned: `propose-abandon` (system), once per run of attempts. Returns how many
 * it proposed.
 */
export async function sweepAbandonProposals(
  deps: { handle: DatabaseHandle; log?: (msg: string) => void },
  now: Date,
): Promise<number> {
  // Thirty days before now is early enough for any zone: the count in local dates decides below.
  const candidates = await listMattersToConsiderAbandoned(
    deps.handle.db,
    new Date(now.getTime() - 29 * 86_400_000),
  );
  let proposed = 0;
  for (const matterId of candidates) {
    try {
      const done = await withTransaction(deps.handle, async (trx) => {
        const row = await trx
          .selectFrom("contact_attempts")
          .select("agency_id")
          .where("matter_id", "=", matterId)
          .executeTakeFirstOrThrow();
        const matter = await findMatter(trx, row.agency_id, matterId);
        const clock = await abandonClock(trx, row.agency_id, matterId, now);
        if (!matter || END_STATUSES.includes(matter.status) || !clock?.due) return false;
        if (clock.proposed || (await markProposed(trx, matterId, now.toISOString())) === 0) return false;
        await recordAction(trx, {
          agencyId: row.agency_id,
          subject: { matterId },
          action: "propose-abandon",
          payload: {
            firstUnreachableAt: clock.firstUnreachableAt.toISOString(),
            days: clock.daysPassed,
            dayKind: ABANDON_AFTER.kind,
          },
          actor: { kind: "system", name: "system:abandon-proposals" },
          at: now,
        });
        return true;
      });
      if (done) proposed++;
    } catch (error) {
      // A status that takes no proposal (e.g. being decided) is left; the others go on.
      if (!(error instanceof AppError)) deps.log?.(`abandon proposals: ${String(error)}`);
    }
  }
  return proposed;
}

/**
 * RV-3: the head of agency closes an unreachable applicant's matter as abandoned, with a reason, no
 * earlier than 30 calendar days after the first unreachable attempt. Only the head of agency may (the
 * status table says so: ACTION_FORBIDDEN for others). Throws ABANDON_REASON_REQUIRED, ABANDON_TOO_EARLY,
 * MATTER_NOT_FOUND (also outside the officer's units), MATTER_CHANGED, ACTION_NOT_ALLOWED.
 */
export async function approveAbandon(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: { agencyId: string; matterId: string; expectedVersion: number; reason: string },
  actor: OfficerActor,
): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("ABANDON_REASON_REQUIRED");
  const now = deps.clock.now();
  await withTransaction(deps.handle, async (trx) => {
    const matter = await findMatter(trx, input.agencyId, input.matterId);
    if (!matter || (actor.unitIds && !(matter.unitId && actor.unitIds.includes(matter.unitId))))
      throw new AppError("MATTER_NOT_FOUND");
    if (matter.version !== input.expectedVersion)
      throw new AppError("MATTER_CHANGED", { version: matter.version });
    const clock = await abandonClock(trx, input.agencyId, input.matterId, now);
    if (!clock?.due)
      throw new AppError("ABANDON_TOO_EARLY", { days: clock?.daysPassed ?? 0, needed: ABANDON_AFTER.days });
    await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "approve-abandon",
      payload: {
        text: reason,
        firstUnreachableAt: clock.firstUnreachableAt.toISOString(),
        days: clock.daysPassed,
        dayKind: ABANDON_AFTER.kind,
      },
      actor: { kind: "staff", staffId: actor.staffId, roles: [...actor.roles] },
      at: now,
      ip: actor.ip,
      expectedVersion: input.expectedVersion,
      unitIds: actor.unitIds,
    });
  });
}
