import type { Kysely } from "kysely";

/*
 * #13 (ID-7, SC-1): envelope encryption. `data_keys` holds the keys personal data is sealed with and the
 * key of the keyed hashes that find a national ID or an address; each only wrapped by the master key
 * from configuration. One index key per install.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("data_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("kek_id", "text", (c) => c.notNull())
    .addColumn("wrapped", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();
  await db.schema
    .createIndex("data_keys_one_index_key")
    .on("data_keys")
    .column("purpose")
    .unique()
    .where("purpose", "=", "index")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("data_keys").execute();
}
