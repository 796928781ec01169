import type { Kysely } from "kysely";
import { sql } from "kysely";

/*
 * #12 casework: the work queues (RV-1) read open matters first come, first served, of a unit or of the
 * whole agency, a page at a time by (clock_start, id); the at-risk and overdue lists (RV-6) by
 * (due_at, id); the escalation sweep every agency's open matters by their due time. Partial indexes over
 * open matters only (`ended_at is null`) keep each a range scan however many matters have ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("matters_open_queue")
    .on("matters")
    .columns(["agency_id", "clock_start", "id"])
    .where(sql.ref("ended_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("matters_open_unit_queue")
    .on("matters")
    .columns(["agency_id", "unit_id", "clock_start", "id"])
    .where(sql.ref("ended_at"), "is", null)
    .execute();
  for (const [name, columns] of [
    ["matters_open_due_queue", ["agency_id", "due_at", "id"]],
    ["matters_open_unit_due_queue", ["agency_id", "unit_id", "due_at", "id"]],
  ] as const)
    await db.schema
      .createIndex(name)
      .on("matters")
      .columns([...columns])
      .where(sql.ref("ended_at"), "is", null)
      .execute();
  await db.schema
    .createIndex("matters_open_due")
    .on("matters")
    .columns(["due_at"])
    .where(sql.ref("ended_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("matter_actions_matter_action")
    .on("matter_actions")
    .columns(["matter_id", "action"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "matter_actions_matter_action",
    "matters_open_due",
    "matters_open_unit_due_queue",
    "matters_open_due_queue",
    "matters_open_unit_queue",
    "matters_open_queue",
  ])
    await db.schema.dropIndex(name).execute();
}
