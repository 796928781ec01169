import type { Kysely } from "kysely";

/*
 * #9 sign-in limits (SC-1, WS-3). `failed_totp` counts wrong second-factor codes apart from wrong
 * passwords, so a right password does not give a guesser of codes a fresh start; both counters are
 * reserved under a row lock before a guess is checked, and share `locked_until`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("staff")
    .addColumn("failed_totp", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // Sign-in attempts per client address in a fixed window, one row per address, counted by one upsert so
  // that every route prefix and every process shares the limit. Rows of past windows are pruned.
  await db.schema
    .createTable("sign_in_limits")
    .addColumn("address", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_limits_window")
    .on("sign_in_limits")
    .column("window_started_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("sign_in_limits").execute();
  await db.schema.alterTable("staff").dropColumn("failed_totp").execute();
}
