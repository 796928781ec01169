import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";

export type CounterSeries = "notice-ref" | "e-receipt";

/**
 * The next number of a series in an agency's fiscal year. Runs inside the transaction that uses the
 * number: the counter row stays locked until commit, so writers queue and a rollback gives the number
 * back (gapless, never reused), across processes too.
 */
export async function nextPaymentNumber(
  trx: Db,
  agencyId: string,
  series: CounterSeries,
  fiscalYear: number,
): Promise<number> {
  const row = await trx
    .insertInto("payment_counters")
    .values({ agency_id: agencyId, series, fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "series", "fiscal_year"])
        .doUpdateSet({ last_number: sql`payment_counters.last_number + 1` }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

/** `2570-000123`: the e-receipt number as printed (PY-5). */
export const formatEReceiptNumber = (fiscalYear: number, sequence: number): string =>
  `${fiscalYear}-${String(sequence).padStart(6, "0")}`;

/** Luhn check digit of a digit string, so a Ref1 keyed in with one digit wrong is not someone else's. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** PY-1: Ref1 = the fiscal year's last two digits, an 8-digit running number and a check digit. */
export function formatRef1(fiscalYear: number, sequence: number): string {
  const body = `${String(fiscalYear % 100).padStart(2, "0")}${String(sequence).padStart(8, "0")}`;
  return body + luhnDigit(body);
}

/** Whether a Ref1 as reported (spaces and dashes dropped) has a good check digit. */
export function isWellFormedRef1(ref1: string): boolean {
  return /^\d{11}$/.test(ref1) && luhnDigit(ref1.slice(0, 10)) === ref1[10];
}
