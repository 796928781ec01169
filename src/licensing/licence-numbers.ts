import { randomInt } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * The next number of a series (a service) in the agency's Buddhist-era year of issue, inside the
 * transaction that issues the licence: the counter row stays locked until commit, so numbers are
 * gapless and never reused; a rollback gives the number back.
 */
export async function nextLicenceSequence(
  trx: Db,
  agencyId: string,
  series: string,
  beYear: number,
): Promise<number> {
  const row = await trx
    .insertInto("licence_counters")
    .values({ agency_id: agencyId, series, be_year: beYear, last_sequence: 1 })
    .onConflict((oc) =>
      oc
        .columns(["agency_id", "series", "be_year"])
        .doUpdateSet({ last_sequence: sql`licence_counters.last_sequence + 1` }),
    )
    .returning("last_sequence")
    .executeTakeFirstOrThrow();
  return Number(row.last_sequence);
}

/**
 * PR-3: a back-filled licence of the series' form keeps its number; the counter then starts above it
 * (never lowered), so the running numbers never collide with the past.
 */
export async function raiseLicenceCounter(
  trx: Db,
  agencyId: string,
  series: string,
  beYear: number,
  atLeast: number,
): Promise<void> {
  await trx
    .insertInto("licence_counters")
    .values({ agency_id: agencyId, series, be_year: beYear, last_sequence: atLeast })
    .onConflict((oc) =>
      oc.columns(["agency_id", "series", "be_year"]).doUpdateSet({
        last_sequence: sql`case when licence_counters.last_sequence < ${atLeast} then ${atLeast} else licence_counters.last_sequence end`,
      }),
    )
    .execute();
}

/** The number as printed: `{n}` the running number, `{yyyy}` the Buddhist-era year (`สอ. 12/2570`). */
export const formatLicenceNumber = (format: string, sequence: number, beYear: number): string =>
  format.replaceAll("{n}", String(sequence)).replaceAll("{yyyy}", String(beYear));

/** The running number of a printed number of the format, or undefined when it is not of that form. */
export function parseLicenceNumber(
  format: string,
  printed: string,
): { sequence: number; beYear?: number } | undefined {
  const escaped = format.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const pattern = escaped.replace("\\{n\\}", "(?<n>\\d{1,9})").replace("\\{yyyy\\}", "(?<y>\\d{4})");
  const match = new RegExp(`^${pattern}$`).exec(printed.trim());
  if (!match?.groups?.n) return undefined;
  return { sequence: Number(match.groups.n), beYear: match.groups.y ? Number(match.groups.y) : undefined };
}

/** Crockford's base-32 without I, L, O, U: read off paper and typed in without confusion. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 characters: 60 random bits, printed under the QR for typing in by hand. */
export const VERIFICATION_CODE_LENGTH = 12;

/** LC-3: random and stored with the licence, never derived from a key (printed QRs outlive rotations). */
export function newVerificationCode(): string {
  let code = "";
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
