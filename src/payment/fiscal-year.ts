import { fromLocal, toLocal } from "../calendar/index.js";

/**
 * PY-5: the Thai government fiscal year of an instant, in the Buddhist era: 1 October – 30 September,
 * named by the year it ends (1 October 2026 opens fiscal year 2570). Counted on the agency's clock.
 */
export function thaiFiscalYear(at: Date, timeZone: string): number {
  const [year, month] = toLocal(at, timeZone).date.split("-").map(Number) as [number, number];
  return (month >= 10 ? year + 1 : year) + 543;
}

/** The first instant of a fiscal year (1 October of the year before, local midnight). */
export function fiscalYearStart(fiscalYear: number, timeZone: string): Date {
  return fromLocal(`${fiscalYear - 543 - 1}-10-01`, 0, timeZone);
}
