/** Money in this room is integer satang (1 baht = 100 satang): sums and comparisons are exact. */
export type Satang = number;

/** Baht as given (a number or `1,250.50`) to satang; undefined when it is not an amount of money. */
export function toSatang(baht: number | string): Satang | undefined {
  const text = typeof baht === "number" ? baht.toFixed(2) : baht.trim().replace(/,/g, "");
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** `125050` → `1,250.50` (figures as printed on notices and receipts). */
export function formatBaht(satang: Satang): string {
  const baht = Math.trunc(satang / 100);
  const rest = String(satang % 100).padStart(2, "0");
  return `${baht.toLocaleString("en-US")}.${rest}`;
}

/** `125050` → `1250.50`: the decimal string of Thai QR tag 54 and of bank files. */
export const plainBaht = (satang: Satang): string =>
  `${Math.trunc(satang / 100)}.${String(satang % 100).padStart(2, "0")}`;
