import type { Kysely } from "kysely";

/*
 * #18 (RG-1, SC-2): what lets several worker processes on several machines share the background work.
 * `leases`: one row per named piece of work (a sweep, a mailbox's passes); whoever holds an unexpired
 * lease owns it, and a process that dies leaves a lease that runs out, so another takes over.
 * `worker_heartbeats`: each process says it is alive every few seconds; /readyz and the operators' pages
 * read them. No personal data in either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("leases")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    // ISO instants (UTC), compared as text like every other instant in the schema.
    .addColumn("lease_until", "text", (c) => c.notNull())
    .addColumn("acquired_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("worker_heartbeats")
    .addColumn("process_id", "text", (c) => c.primaryKey())
    // web | worker | all
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("host", "text", (c) => c.notNull())
    .addColumn("pid", "integer", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("beat_at", "text", (c) => c.notNull())
    // JSON: what the process reports about itself (jobs it holds, queue it sees); small, no personal data.
    .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("worker_heartbeats").execute();
  await db.schema.dropTable("leases").execute();
}
