import { type Kysely, sql } from "kysely";

/*
 * Hash-chained audit trail (#3, RG-4). Audit rows keep being inserted as before, by any transaction,
 * without a lock on anything shared (registration on PostgreSQL inserts its row inside one statement).
 * A sealer appends them to the chain afterwards: under the lock of the head row it numbers the rows not
 * yet sealed, links each to the hash of the row before, hashes it, and moves the head. The head is also
 * written to a file outside the database, so that cutting rows off the end is caught.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The chain columns of an audit row, null until the row is sealed. chain_seq: the row's position in
  // the chain, 1, 2, 3 … without gaps (unique); prev_hash: the hash of the row at chain_seq - 1 (64 zeros
  // for the first row); hash: sha256 hex of the row's content, chain_seq and prev_hash (src/audit/audit-chain.ts
  // defines the exact serialization). SQLite adds one column per statement and cannot add a constraint
  // with a column, so uniqueness is a unique index (NULLs, the unsealed rows, never collide).
  await db.schema.alterTable("audit_events").addColumn("chain_seq", "integer").execute();
  await db.schema.alterTable("audit_events").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("hash", "text").execute();
  await db.schema
    .createIndex("audit_events_chain_seq_unique")
    .on("audit_events")
    .column("chain_seq")
    .unique()
    .execute();
  // The rows waiting for the sealer, in the order it takes them. Partial: it holds only unsealed rows,
  // so it stays small however long the trail grows.
  await db.schema
    .createIndex("audit_events_unsealed")
    .on("audit_events")
    .columns(["created_at", "id"])
    .where(sql.ref("chain_seq"), "is", null)
    .execute();

  // The head of the chain: exactly one row (id = 1) with the position and hash of the last sealed row
  // (seq 0 and the genesis hash, 64 zeros, while the chain is empty) and when it last moved. Sealers
  // take it with `select … for update` on PostgreSQL (SQLite's write lock serializes them anyway), so
  // two sealers never hand out the same position.
  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`insert into audit_chain_head (id, seq, hash, updated_at) values (1, 0, ${"0".repeat(64)}, ${new Date().toISOString()})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_chain_head").execute();
  await db.schema.dropIndex("audit_events_unsealed").execute();
  await db.schema.dropIndex("audit_events_chain_seq_unique").execute();
  for (const column of ["hash", "prev_hash", "chain_seq"]) {
    await db.schema.alterTable("audit_events").dropColumn(column).execute();
  }
}
