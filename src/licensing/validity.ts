/**
 * The last day a licence is valid: its validity added to the day of issue, less one day (a licence of
 * one year issued on 6 December 2569 is valid to 5 December 2570). Month ends clamp (31 Jan + 1 month →
 * 28/29 Feb).
 */
export function addValidity(
  issuedOn: string,
  validity: { years?: number; months?: number; days?: number },
): string {
  const [y, m, d] = issuedOn.split("-").map(Number) as [number, number, number];
  const months = (validity.years ?? 0) * 12 + (validity.months ?? 0);
  const targetMonth = m - 1 + months;
  const year = y + Math.floor(targetMonth / 12);
  const month = targetMonth % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  date.setUTCDate(date.getUTCDate() + (validity.days ?? 0) - 1);
  return date.toISOString().slice(0, 10);
}
