import { type BusinessCalendar, isBusinessDay, toLocal } from "../calendar/index.js";
import type { Matter } from "../register/index.js";
import { addDaysOfKind, countDaysOfKind, type DayKind } from "../workflow/index.js";

/** RV-6: how many business days ahead of its due time a matter is listed as at risk. */
export const AT_RISK_BUSINESS_DAYS = 2;

/** Where a matter's clock stands (LF-1, RV-6). */
export type ClockState =
  | { state: "none" }
  | { state: "paused"; since: Date; dueAt: Date | null; kind: DayKind | null }
  | { state: "decided"; dueAt: Date | null; kind: DayKind | null }
  | { state: "on-time" | "at-risk" | "overdue"; dueAt: Date; kind: DayKind; daysLeft: number };

/**
 * RV-6: the end of the at-risk window: the closing time of the 2nd business day of the agency's
 * calendar after today (a holiday or a weekend in between does not count).
 */
export function atRiskBefore(cal: BusinessCalendar, now: Date): Date {
  return addDaysOfKind(cal, now, AT_RISK_BUSINESS_DAYS, "business");
}

/**
 * A matter's clock as officers see it: paused while the applicant is awaited (LF-1), met once decided,
 * else the days of its kind left until the due day (negative: days overdue; 0: due today).
 */
export function clockState(cal: BusinessCalendar, matter: Matter, now: Date): ClockState {
  const kind = matter.timeLimit?.dayKind ?? null;
  if (matter.pausedAt) return { state: "paused", since: matter.pausedAt, dueAt: matter.dueAt, kind };
  if (matter.decidedAt || matter.endedAt) return { state: "decided", dueAt: matter.dueAt, kind };
  if (!matter.dueAt) return { state: "none" };
  const dayKind = kind ?? "business";
  const due = matter.dueAt;
  const overdue = due.getTime() <= now.getTime();
  const daysLeft = overdue
    ? -countDaysOfKind(cal, due, now, dayKind)
    : countDaysOfKind(cal, now, due, dayKind) +
      (dayKind === "business" && !isBusinessToday(cal, now) ? 1 : 0);
  const state = overdue ? "overdue" : due <= atRiskBefore(cal, now) ? "at-risk" : "on-time";
  return { state, dueAt: due, kind: dayKind, daysLeft };
}

const isBusinessToday = (cal: BusinessCalendar, now: Date) =>
  isBusinessDay(cal, toLocal(now, cal.timeZone).date);
