import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { ClockState } from "../service-level.js";

/** A clock in words: due date with its kind of day named, and the days left, overdue or paused (LF-1). */
export function clockText(lang: Lang, clock: ClockState, timeZone: string): string {
  const when = (d: Date) => formatDateTime(lang, d, timeZone);
  if (clock.state === "none") return t(lang, "casework.noDue");
  if (clock.state === "paused") return t(lang, "casework.paused", { since: when(clock.since) });
  const kind = t(lang, clock.kind === "calendar" ? "clock.calendar" : "clock.business");
  const due = clock.dueAt ? t(lang, "casework.dueOn", { due: when(clock.dueAt), kind }) : "";
  if (clock.state === "decided") return `${due} · ${t(lang, "casework.decided")}`;
  const left =
    clock.daysLeft < 0
      ? t(lang, "casework.overdueBy", { days: -clock.daysLeft, kind })
      : clock.daysLeft === 0
        ? t(lang, "casework.dueToday")
        : t(lang, "casework.daysLeft", { days: clock.daysLeft, kind });
  return `${due} · ${left}`;
}

/** The row class and badge of a clock's state in a list (the register's colours). */
export const clockClass = (clock: ClockState) =>
  clock.state === "overdue" ? "overdue" : clock.state === "at-risk" ? "due-soon" : "";
