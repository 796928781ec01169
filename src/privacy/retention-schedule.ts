import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";

/**
 * PD-4: the kinds of personal data Borikan keeps, each kept for its own time. The register's records
 * (RG-4: entries, attachments, matters, letters, the audit trail) are not in this list: nothing purges them.
 */
export const DATA_CLASSES = [
  "expired-drafts",
  "sign-in-codes",
  "oidc-requests",
  "citizen-sessions",
  "staff-sessions",
  "traffic-logs",
  "evidence-photos",
  "video-stills",
  "data-reads",
  "held-mail",
  "outbox-payloads",
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export interface RetentionRule {
  dataClass: DataClass;
  /** Days kept after the class's own starting point (`from`); an agency may lengthen it. */
  days: number;
  /** The law's minimum: an agency may not go below it (RETENTION_TOO_SHORT). */
  minimumDays: number;
  /** What the days count from, for the schedule's readers. */
  from: string;
  /** Why this long. */
  basis: string;
}

/**
 * PD-4: the default schedule, as data. Each class's purge is registered by the capability that owns its
 * table (`RetentionPurge`); a class with no purge registered is reported, never guessed at.
 */
export const RETENTION_SCHEDULE: readonly RetentionRule[] = [
  {
    dataClass: "expired-drafts",
    days: 7,
    minimumDays: 0,
    from: "the draft's expiry, never submitted",
    basis: "PD-4: a draft never sent is needed by no one once its resume link has expired",
  },
  {
    dataClass: "sign-in-codes",
    days: 1,
    minimumDays: 0,
    from: "issued",
    basis: "PD-4: used or expired at once",
  },
  {
    dataClass: "oidc-requests",
    days: 1,
    minimumDays: 0,
    from: "started",
    basis: "PD-4: state and nonce of one sign-in",
  },
  {
    dataClass: "citizen-sessions",
    days: 1,
    minimumDays: 0,
    from: "expiry",
    basis: "PD-4, WS-3: an ended session",
  },
  { dataClass: "staff-sessions", days: 1, minimumDays: 0, from: "last use", basis: "WS-3: an ended session" },
  {
    dataClass: "traffic-logs",
    days: 90,
    minimumDays: 90,
    from: "the request",
    basis: "Computer Crime Act B.E. 2550 s.26: traffic data kept at least 90 days",
  },
  {
    dataClass: "evidence-photos",
    days: 365,
    minimumDays: 0,
    from: "the proof's decision",
    basis: "PD-4, ID-2: the photo is needed while the decision can be questioned",
  },
  { dataClass: "video-stills", days: 90, minimumDays: 0, from: "the call's outcome", basis: "PD-7, ID-3" },
  {
    dataClass: "data-reads",
    days: 730,
    minimumDays: 0,
    from: "the read",
    basis: "PD-6: who read my data, two years",
  },
  {
    dataClass: "held-mail",
    days: 90,
    minimumDays: 0,
    from: "receipt, never registered",
    basis: "PD-4: spam held and dismissed is no record of the register",
  },
  {
    dataClass: "outbox-payloads",
    days: 365,
    minimumDays: 0,
    from: "sending (the row stays, its message text goes)",
    basis: "PD-4: that it was sent is the record; what it said is in the register's letters",
  },
];

/** A capability's purge of one class: deletes (in batches) what is older than `before`; returns the count. */
export type RetentionPurge = (db: Db, agencyId: string, before: Date) => Promise<number>;
export type RetentionPurges = Partial<Record<DataClass, RetentionPurge>>;

export const isDataClass = (value: string): value is DataClass =>
  (DATA_CLASSES as readonly string[]).includes(value);

/**
 * The schedule an agency goes by: the default with its own periods, which may lengthen a class but never
 * go below the law's minimum. Throws RETENTION_TOO_SHORT.
 */
export function agencySchedule(overrides: Partial<Record<DataClass, number>>): RetentionRule[] {
  return RETENTION_SCHEDULE.map((rule) => {
    const days = overrides[rule.dataClass];
    if (days === undefined) return rule;
    checkPeriod(rule.dataClass, days);
    return { ...rule, days };
  });
}

/** Throws RETENTION_TOO_SHORT for a period below the class's minimum (or not a whole number of days). */
export function checkPeriod(dataClass: DataClass, days: number): void {
  const rule = RETENTION_SCHEDULE.find((r) => r.dataClass === dataClass)!;
  if (!Number.isInteger(days) || days < rule.minimumDays || days > 36_500)
    throw new AppError("RETENTION_TOO_SHORT", { dataClass, days: rule.minimumDays });
}
