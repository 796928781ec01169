import type { BreachStatus } from "./breach.table.js";

/**
 * PD-5, PDPA s.37(4): the regulator is told "without delay and, where feasible, within 72 hours after
 * having become aware". The law counts hours, not business days: weekends and holidays do not stop the
 * clock, so it is plain elapsed time from awareness, with no business calendar.
 */
export const REGULATOR_HOURS = 72;
const HOUR_MS = 3_600_000;

export interface BreachClock {
  /** When the regulator must have been told. */
  dueAt: Date;
  /** Whole hours left (negative once overdue); null when the clock has stopped. */
  hoursLeft: number | null;
  /** Still waiting for the regulator's notice after the 72 hours. */
  overdue: boolean;
  /** The regulator was told, but after the 72 hours (s.37(4) then asks for the reasons of the delay). */
  late: boolean;
}

/** Statuses in which the regulator has not yet been told and no decision says it need not be. */
const RUNNING: readonly BreachStatus[] = ["recorded", "assessed"];

export function breachClock(
  breach: { status: BreachStatus; awareAt: string; regulatorNotifiedAt: string | null },
  now: Date,
): BreachClock {
  const dueAt = new Date(Date.parse(breach.awareAt) + REGULATOR_HOURS * HOUR_MS);
  const running = RUNNING.includes(breach.status);
  const left = dueAt.getTime() - now.getTime();
  return {
    dueAt,
    hoursLeft: running ? Math.floor(left / HOUR_MS) : null,
    overdue: running && left < 0,
    late: breach.regulatorNotifiedAt !== null && Date.parse(breach.regulatorNotifiedAt) > dueAt.getTime(),
  };
}
