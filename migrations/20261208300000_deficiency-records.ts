import type { Kysely } from "kysely";

/*
 * #12 deficiency (RV-2, RV-3, LF-2..4). `deficiency_records`: the one record per application of what the
 * applicant must still bring (บันทึกความบกพร่อง), listing only the manual's documents (LF-3), with a
 * deadline counted in the manual's kind of day (`deadline_kind`), the letter that carried it, both sides'
 * acknowledgements, and how it ended: fulfilled by a new entry on the matter, or lapsed (LF-4: returned).
 * A second record exists only by a supervisor's override with a reason (`ordinal` 2, `override_*`).
 * `contact_attempts`: each attempt to reach the applicant (RV-3), whose first unreachable one starts the
 * 30 calendar days before closing as abandoned may be proposed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("deficiency_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("ordinal", "integer", (c) => c.notNull())
    // JSON list of { documentId, problem: "missing" | "defective", note }.
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("deadline_days", "integer", (c) => c.notNull())
    .addColumn("deadline_kind", "text", (c) => c.notNull())
    .addColumn("letter_id", "text", (c) => c.notNull().references("outgoing_letters.id"))
    .addColumn("officer_acknowledged_by", "text", (c) => c.notNull())
    .addColumn("officer_acknowledged_at", "text", (c) => c.notNull())
    .addColumn("applicant_acknowledged_at", "text")
    .addColumn("applicant_acknowledged_via", "text")
    .addColumn("fulfilled_at", "text")
    // No foreign key: the answer's entry is registered last in its transaction (it holds the receipt counter).
    .addColumn("fulfilled_entry_id", "text")
    .addColumn("lapsed_at", "text")
    .addColumn("return_letter_id", "text", (c) => c.references("outgoing_letters.id"))
    .addColumn("override_reason", "text")
    .addColumn("override_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("deficiency_records_ordinal_unique", ["application_id", "ordinal"])
    .execute();
  await db.schema
    .createIndex("deficiency_records_matter")
    .on("deficiency_records")
    .columns(["matter_id"])
    .execute();

  await db.schema
    .createTable("contact_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("action_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("staff_id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    // Set when the 30-day proposal was recorded on the strength of this attempt (once per run of attempts).
    .addColumn("proposed_at", "text")
    .execute();
  await db.schema
    .createIndex("contact_attempts_matter")
    .on("contact_attempts")
    .columns(["matter_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("contact_attempts").execute();
  await db.schema.dropTable("deficiency_records").execute();
}
