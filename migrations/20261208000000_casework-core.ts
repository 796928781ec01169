import { type Kysely, sql } from "kysely";

/*
 * #12: a matter moves. Its kind picks its status table (a general request's short path, an
 * application's full one); its unit's officers work it; its clock (LF-1, RV-6) runs from the first
 * entry's working start in the manual's kind of day and pauses while the applicant is awaited.
 * `version` grows with every action, so a form drawn before a change is refused rather than applied.
 * Each action is a row of `matter_actions` (the timeline), written with the status and the audit row.
 * The outgoing register (ES-1, RG-7) numbers every letter gaplessly per agency and Buddhist year.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const matters = [
    ["kind", "text", "'general'"],
    ["version", "integer", "0"],
  ] as const;
  for (const [name, type, fallback] of matters)
    await db.schema
      .alterTable("matters")
      .addColumn(name, type, (c) => c.notNull().defaultTo(sql.raw(fallback)))
      .execute();
  for (const name of [
    "unit_id",
    "assigned_to",
    "assigned_at",
    "clock_start",
    "time_limit",
    "due_at",
    "paused_at",
    "decided_at",
    "ended_at",
  ])
    await db.schema.alterTable("matters").addColumn(name, "text").execute();
  await sql`update matters set kind = 'application' where id in (select matter_id from applications)`.execute(
    db,
  );
  await sql`update matters set clock_start = (select min(e.working_start) from entries e where e.matter_id = matters.id)`.execute(
    db,
  );
  await db.schema
    .createIndex("matters_queue")
    .on("matters")
    .columns(["agency_id", "unit_id", "clock_start"])
    .execute();

  await db.schema
    .createTable("matter_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull())
    .addUniqueConstraint("matter_actions_version_unique", ["matter_id", "version"])
    .execute();
  await db.schema.createIndex("matter_actions_at").on("matter_actions").columns(["at", "id"]).execute();

  await db.schema
    .createTable("matter_pauses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("ended_at", "text")
    .execute();
  await db.schema.createIndex("matter_pauses_matter").on("matter_pauses").columns(["matter_id"]).execute();

  // ES-1: the agency's code in ที่ (e.g. "นร 0106"); LF-5: where copies of delay notices go (OPDC).
  await db.schema.alterTable("agencies").addColumn("letter_code", "text").execute();
  await db.schema.alterTable("agencies").addColumn("opdc_email", "text").execute();
  await db.schema.alterTable("agencies").addColumn("postal_address", "text").execute();

  await db.schema
    .createTable("outgoing_counters")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("last_number", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("outgoing_counters_pk", ["agency_id", "be_year"])
    .execute();
  await db.schema
    .createTable("outgoing_letters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("be_year", "integer", (c) => c.notNull())
    .addColumn("sequence", "integer", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("matter_id", "text", (c) => c.references("matters.id"))
    .addColumn("replies_to_entry_id", "text", (c) => c.references("entries.id"))
    .addColumn("letter_date", "text", (c) => c.notNull())
    .addColumn("from_name", "text", (c) => c.notNull())
    .addColumn("to_name", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("salutation", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("enclosures", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("closing", "text", (c) => c.notNull())
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_position", "text", (c) => c.notNull())
    .addColumn("owner_unit", "text", (c) => c.notNull())
    .addColumn("urgency", "text", (c) => c.notNull())
    .addColumn("secrecy", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("outgoing_letters_number_unique", ["agency_id", "be_year", "sequence"])
    .execute();
  await db.schema
    .createIndex("outgoing_letters_matter")
    .on("outgoing_letters")
    .columns(["matter_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("outgoing_letters").execute();
  await db.schema.dropTable("outgoing_counters").execute();
  for (const name of ["letter_code", "opdc_email", "postal_address"])
    await db.schema.alterTable("agencies").dropColumn(name).execute();
  await db.schema.dropTable("matter_pauses").execute();
  await db.schema.dropTable("matter_actions").execute();
  await db.schema.dropIndex("matters_queue").execute();
  for (const name of [
    "kind",
    "version",
    "unit_id",
    "assigned_to",
    "assigned_at",
    "clock_start",
    "time_limit",
    "due_at",
    "paused_at",
    "decided_at",
    "ended_at",
  ])
    await db.schema.alterTable("matters").dropColumn(name).execute();
}
