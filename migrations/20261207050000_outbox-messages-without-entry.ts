import { type Kysely, PostgresAdapter, sql } from "kysely";

/*
 * #11: not every message out belongs to a register entry. A form's resume link and a signature's one-time
 * code go to a person before any entry exists, yet they too go through the outbox, so that "sent" is only
 * said of what a mail server took. Such a row has no `entry_id`; `subject_key` names what it is about
 * (e.g. `draft:<id>`, `otp:<challenge id>`), unique with its kind like (entry_id, kind), and `payload`
 * holds the message as written when it was queued (the worker composes only entries' messages).
 *
 * SQLite cannot drop a NOT NULL: the table is rebuilt from its own definition, indexes included.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = await isPostgres(db);
  if (postgres) {
    await sql`alter table outbox alter column entry_id drop not null`.execute(db);
    await db.schema.alterTable("outbox").addColumn("subject_key", "text").execute();
  } else {
    const table = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = 'outbox'`.execute(db);
    const indexes = await sql<{ sql: string }>`select sql from sqlite_master
      where type = 'index' and tbl_name = 'outbox' and sql is not null`.execute(db);
    const definition = table.rows[0]?.sql ?? "";
    const relaxed = definition.replace(/"entry_id" text not null/i, '"entry_id" text');
    if (relaxed === definition) throw new Error("outbox: entry_id column not found as expected");
    await sql.raw(relaxed.replace(/create table "?outbox"?/i, 'create table "outbox_rebuilt"')).execute(db);
    await sql`insert into outbox_rebuilt select * from outbox`.execute(db);
    await sql`drop table outbox`.execute(db);
    await sql`alter table outbox_rebuilt rename to outbox`.execute(db);
    for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
    await db.schema.alterTable("outbox").addColumn("subject_key", "text").execute();
  }
  await db.schema
    .createIndex("outbox_subject_kind_unique")
    .on("outbox")
    .columns(["subject_key", "kind"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from outbox where entry_id is null`.execute(db);
  await db.schema.dropIndex("outbox_subject_kind_unique").execute();
  await db.schema.alterTable("outbox").dropColumn("subject_key").execute();
  if (await isPostgres(db)) await sql`alter table outbox alter column entry_id set not null`.execute(db);
}

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
