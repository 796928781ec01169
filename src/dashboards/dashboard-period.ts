import { addDays, fromLocal, isValidDate, toLocal } from "../calendar/index.js";
import { AppError } from "../platform/errors.js";

export const PERIODS = ["this-month", "last-month", "fiscal-year", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

/** The dashboard's period: local dates (inclusive) and the instants `[from, to)` the figures use. */
export interface DashboardPeriod {
  kind: PeriodKind;
  fromDate: string;
  toDate: string;
  from: string;
  to: string;
  /** The Thai fiscal year (BE) when `kind` is `fiscal-year`. */
  fiscalYear?: number;
}

/** A custom range longer than this is refused: a dashboard is for recent work, not an archive scan. */
export const MAX_RANGE_DAYS = 5 * 366;

const invalid = (detail: string) => new AppError("DASHBOARD_QUERY_INVALID", { detail }, { field: detail });
const pad = (n: number) => String(n).padStart(2, "0");
const monthStart = (year: number, month: number) =>
  month < 1 ? `${year - 1}-12-01` : month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`;

/**
 * Reads the period from the query: this month (default), last month, this fiscal year (1 October to
 * 30 September, named by its BE year, as the Budget Procedure Act counts it), or a custom range of CE
 * dates `from`..`to` (inclusive, at most five years). Throws DASHBOARD_QUERY_INVALID.
 */
export function parsePeriod(
  query: { period?: string; from?: string; to?: string },
  now: Date,
  timeZone: string,
): DashboardPeriod {
  const kind = (query.period || "this-month") as PeriodKind;
  if (!PERIODS.includes(kind)) throw invalid("period");
  const today = toLocal(now, timeZone).date;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  let fromDate: string;
  let toDate: string;
  let fiscalYear: number | undefined;
  if (kind === "this-month") {
    fromDate = monthStart(year, month);
    toDate = addDays(monthStart(year, month + 1), -1);
  } else if (kind === "last-month") {
    fromDate = monthStart(year, month - 1);
    toDate = addDays(monthStart(year, month), -1);
  } else if (kind === "fiscal-year") {
    const startYear = month >= 10 ? year : year - 1;
    fromDate = `${startYear}-10-01`;
    toDate = `${startYear + 1}-09-30`;
    fiscalYear = startYear + 1 + 543;
  } else {
    fromDate = query.from ?? "";
    toDate = query.to ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDate) || !isValidDate(fromDate)) throw invalid("from");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(toDate) || !isValidDate(toDate)) throw invalid("to");
    if (fromDate > toDate) throw invalid("to");
    if (fromDate < "1900-01-01" || toDate > "2999-12-31") throw invalid("from");
    if (addDays(fromDate, MAX_RANGE_DAYS) <= toDate) throw invalid("range");
  }
  return {
    kind,
    fromDate,
    toDate,
    from: fromLocal(fromDate, 0, timeZone).toISOString(),
    to: fromLocal(addDays(toDate, 1), 0, timeZone).toISOString(),
    fiscalYear,
  };
}
