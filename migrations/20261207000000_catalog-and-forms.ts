import type { Kysely } from "kysely";

/*
 * #11, services and e-forms.
 *
 * `services` is an agency's catalogue entry: its `draft` (the definition being edited, JSON) and, once
 * published, `current_version`. `service_versions` holds each published definition, never changed after
 * (CM-1, CM-3); an application points at the version it was made with. `published_at` says from when a
 * version is in force: an entry that arrived by mail, LINE or paper is judged by the version in force at
 * its `received_at`.
 *
 * `application_drafts` are forms being filled on the web, resumable from a link (only the link's hash is
 * kept). `applications` are matters for a service: the entry that opened them, the form data as submitted,
 * the privacy-notice version shown (PD-1) and the signature evidence (FM-6); `application_documents` match
 * the entry's files to the manual's checklist (FM-2) with the judged resolution (FM-4).
 * `signature_challenges` are one-time codes of a type-1 signature: only the code's hash is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("services")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("draft", "text")
    .addColumn("current_version", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addUniqueConstraint("services_agency_code_unique", ["agency_id", "code"])
    .execute();
  await db.schema
    .createTable("service_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("service_id", "text", (c) => c.notNull().references("services.id"))
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("definition_sha256", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.notNull())
    .addUniqueConstraint("service_versions_unique", ["service_id", "version"])
    .execute();
  await db.schema
    .createIndex("service_versions_in_force")
    .on("service_versions")
    .columns(["service_id", "published_at"])
    .execute();

  await db.schema
    .createTable("application_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("service_version_id", "text", (c) => c.notNull().references("service_versions.id"))
    .addColumn("resume_token_sha256", "text", (c) => c.notNull().unique())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("applicant", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("documents", "text", (c) => c.notNull())
    .addColumn("privacy_notice_version", "text")
    .addColumn("email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("submitted_entry_id", "text")
    .execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().unique().references("entries.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("service_version_id", "text", (c) => c.notNull().references("service_versions.id"))
    .addColumn("applicant_type", "text", (c) => c.notNull())
    .addColumn("applicant_name", "text", (c) => c.notNull())
    .addColumn("applicant_id_number", "text")
    .addColumn("acting_person", "text")
    .addColumn("form_data", "text", (c) => c.notNull())
    .addColumn("privacy_notice_version", "text")
    .addColumn("signature", "text", (c) => c.notNull())
    .addColumn("signed_sha256", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("applications_matter").on("applications").column("matter_id").execute();
  await db.schema
    .createTable("application_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("applications.id"))
    .addColumn("document_id", "text", (c) => c.notNull())
    .addColumn("attachment_id", "text", (c) => c.notNull().references("attachments.id"))
    .addColumn("resolution_dpi", "integer")
    .addColumn("low_resolution", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("e_stamp_reference", "text")
    .execute();
  await db.schema
    .createIndex("application_documents_application")
    .on("application_documents")
    .column("application_id")
    .execute();

  await db.schema
    .createTable("signature_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("draft_id", "text", (c) => c.notNull().references("application_drafts.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("code_sha256", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("verified_at", "text")
    .execute();
  await db.schema
    .createIndex("signature_challenges_draft")
    .on("signature_challenges")
    .column("draft_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "signature_challenges",
    "application_documents",
    "applications",
    "application_drafts",
    "service_versions",
    "services",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
