import type { Kysely } from "kysely";

/*
 * #15 lifecycle: one row per agency per local day the licence expiry ran. The primary key is the day's
 * claim, so however many workers sweep, each agency's licences are expired by one of them once a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("licence_expiry_runs")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // YYYY-MM-DD in the agency's time zone.
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    // How many licences the run expired (a count only).
    .addColumn("expired", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("licence_expiry_runs_pk", ["agency_id", "day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("licence_expiry_runs").execute();
}
