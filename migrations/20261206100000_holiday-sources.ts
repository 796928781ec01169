import type { Kysely } from "kysely";

/*
 * #10, CH-3: a holiday may name its own source. Special days (Royal Ploughing Day, a Cabinet bridge
 * holiday) are added one at a time with the announcement they come from, and a year's list may cite a
 * source per day; the year's `holiday_years.source` still covers the rest. Null: the year's source.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("holidays").addColumn("source", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("holidays").dropColumn("source").execute();
}
