import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";

/** `15/2569`: the running number and the Buddhist-era year of the register date. */
export function formatReceiptNumber(sequence: number, beYear: number): string {
  return `${sequence}/${beYear}`;
}

/** Parses `15/2569` (also with Thai digits); undefined when it is not a receipt number. */
export function parseReceiptNumber(text: string): { sequence: number; beYear: number } | undefined {
  const ascii = text.trim().replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  const match = /^(\d{1,9})\/(\d{4})$/.exec(ascii);
  if (!match) return undefined;
  const sequence = Number(match[1]);
  return sequence > 0 ? { sequence, beYear: Number(match[2]) } : undefined;
}

/**
 * RG-1: takes the next receipt number of an agency's year. Must run inside the transaction that inserts
 * the entry: the counter row stays locked until commit, so concurrent writers queue and a rollback gives
 * the number back. Numbers are therefore gapless and never reused, across processes too.
 */
export async function allocateReceiptNumber(
  trx: Db,
  agencyId: string,
  beYear: number,
): Promise<{ sequence: number; receiptNumber: string }> {
  // One statement: the first entry of a year creates the counter, later ones increment it.
  const row = await trx
    .insertInto("receipt_counters")
    .values({ agency_id: agencyId, be_year: beYear, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "be_year"])
        .doUpdateSet({ last_number: sql`receipt_counters.last_number + 1` }),
    )
    .returning("last_number")
    .executeTakeFirstOrThrow();
  const sequence = Number(row.last_number);
  return { sequence, receiptNumber: formatReceiptNumber(sequence, beYear) };
}
