import type { Kysely } from "kysely";

/*
 * #13 officers-retention (WS-3, PD-4).
 * `staff_sessions.stepped_up_at`: when the officer last gave their password and a second-factor code again
 * on this session; an act of approval, payment or licensing needs it at most 15 minutes old.
 * `retention_runs`: one row per agency per day the retention purge ran (the primary key is the atomic
 * claim, so two workers never purge the same day twice); `counts` is JSON {class: rows or files purged},
 * numbers only — never personal data.
 * `retention_periods`: an agency's own period for a data class (PD-4), at least the law's minimum.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("staff_sessions").addColumn("stepped_up_at", "text").execute();
  await db.schema
    .createTable("retention_runs")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    /** The day (YYYY-MM-DD, UTC) the run is for. */
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .addPrimaryKeyConstraint("retention_runs_pk", ["agency_id", "day"])
    .execute();
  await db.schema
    .createTable("retention_periods")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("data_class", "text", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("set_by", "text", (c) => c.notNull())
    .addColumn("set_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("retention_periods_pk", ["agency_id", "data_class"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("retention_periods").execute();
  await db.schema.dropTable("retention_runs").execute();
  await db.schema.alterTable("staff_sessions").dropColumn("stepped_up_at").execute();
}
