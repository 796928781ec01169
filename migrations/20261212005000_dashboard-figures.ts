import type { Kysely } from "kysely";

/*
 * #16 dashboards: indexes for the figures of the supervisors' dashboard, each a GROUP BY over one
 * period of one agency: entries by receipt time (volume, CH-4 acknowledgement), matters by decision and
 * end time (service level), matter actions by time (time per step; the stay's start is found through the
 * (matter_id, version) unique key). Each index covers the columns its figure reads, so that a period of a
 * million-entry register is read from the index alone where the database can.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("entries_agency_received")
    .on("entries")
    .columns(["agency_id", "received_at", "channel", "matter_id", "acknowledge_by", "acknowledged_at"])
    .execute();
  await db.schema
    .createIndex("matters_agency_decided")
    .on("matters")
    .columns(["agency_id", "decided_at", "due_at"])
    .execute();
  await db.schema
    .createIndex("matters_agency_ended")
    .on("matters")
    .columns(["agency_id", "ended_at", "due_at"])
    .execute();
  await db.schema
    .createIndex("matter_actions_agency_at")
    .on("matter_actions")
    .columns(["agency_id", "at", "matter_id", "version"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "matter_actions_agency_at",
    "matters_agency_ended",
    "matters_agency_decided",
    "entries_agency_received",
  ])
    await db.schema.dropIndex(name).execute();
}
