import type { Kysely } from "kysely";

/* The back office (#3): staff, their sessions, the twice-daily check, and what officers do to entries. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Officers of one agency. roles and unit_ids are JSON arrays; password_hash is argon2id. A TOTP secret
  // is kept once enrolled; failed_logins/locked_until implement the temporary lockout.
  await db.schema
    .createTable("staff")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("roles", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("unit_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("staff_agency_email_unique", ["agency_id", "email"])
    .execute();

  // Login sessions; `id` is the sha256 of the cookie's token, never the token itself. A session whose
  // second factor is pending (totp_pending = 1) can only finish logging in.
  await db.schema
    .createTable("staff_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("staff_id", "text", (c) => c.notNull().references("staff.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("totp_pending", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("staff_sessions_staff").on("staff_sessions").column("staff_id").execute();

  // CH-5: the morning and afternoon check of the incoming items, by whom and when.
  await db.schema
    .createTable("register_checks")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("check_date", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("checked_by", "text", (c) => c.notNull().references("staff.id"))
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("register_checks_pk", ["agency_id", "check_date", "period"])
    .execute();

  // Officers' acts on entries: cancelling a mistaken entry keeps its number used (RG-1); paper items
  // record who scanned them with what (RG-6).
  for (const column of ["cancelled_at", "cancelled_by", "cancel_reason", "scanned_by", "scan_device"]) {
    await db.schema.alterTable("entries").addColumn(column, "text").execute();
  }
  // Agency settings of the back office: roles that must use a second factor, and acknowledgement
  // texts in Thai and English that replace the default (CH-4).
  await db.schema
    .alterTable("agencies")
    .addColumn("totp_required_roles", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("agencies").addColumn("acknowledgement_text_th", "text").execute();
  await db.schema.alterTable("agencies").addColumn("acknowledgement_text_en", "text").execute();
  // Keyset pagination of the register page: a day's entries in (working start, running number) order,
  // read straight from the index without sorting.
  await db.schema
    .createIndex("entries_register_page")
    .on("entries")
    .columns(["agency_id", "working_start", "sequence"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("entries_register_page").execute();
  for (const column of ["totp_required_roles", "acknowledgement_text_th", "acknowledgement_text_en"]) {
    await db.schema.alterTable("agencies").dropColumn(column).execute();
  }
  for (const column of ["cancelled_at", "cancelled_by", "cancel_reason", "scanned_by", "scan_device"]) {
    await db.schema.alterTable("entries").dropColumn(column).execute();
  }
  await db.schema.dropTable("register_checks").execute();
  await db.schema.dropTable("staff_sessions").execute();
  await db.schema.dropTable("staff").execute();
}
