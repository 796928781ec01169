import type { Kysely } from "kysely";

/*
 * #16 core: answering the public in the open. The webboard (WB-1..4): topics and posts by signed-in
 * citizens, officers' answers that cite a regulation and wait for approval, reports. The FAQ (IF-4,
 * WB-1) with its Thai search words; the request log (RG-2) beside the register's entries; satisfaction
 * ratings (TR-3), one per matter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webboard_topics")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // null: a general question, not about one service.
    .addColumn("service_id", "text", (c) => c.references("services.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("author_account_id", "text", (c) => c.notNull().references("citizen_accounts.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_by", "text")
    .addColumn("hidden_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("post_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("webboard_topics_recent")
    .on("webboard_topics")
    .columns(["agency_id", "last_activity_at", "id"])
    .execute();
  await db.schema
    .createIndex("webboard_topics_service")
    .on("webboard_topics")
    .columns(["agency_id", "service_id", "last_activity_at", "id"])
    .execute();

  await db.schema
    .createTable("webboard_posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("topic_id", "text", (c) => c.notNull().references("webboard_topics.id"))
    .addColumn("author_account_id", "text", (c) => c.notNull().references("citizen_accounts.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("visible"))
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_by", "text")
    .addColumn("hidden_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webboard_posts_topic")
    .on("webboard_posts")
    .columns(["topic_id", "created_at", "id"])
    .execute();

  // WB-3, WB-4: an officer's answer; public only once `published` (approved).
  await db.schema
    .createTable("webboard_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("topic_id", "text", (c) => c.notNull().references("webboard_topics.id"))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("drafted_by", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("regulation", "text", (c) => c.notNull())
    .addColumn("regulation_effective_on", "text", (c) => c.notNull())
    .addColumn("holds_as_of", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("return_reason", "text")
    .addColumn("faq_entry_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema
    .createIndex("webboard_answers_topic")
    .on("webboard_answers")
    .columns(["topic_id", "status"])
    .execute();
  await db.schema
    .createIndex("webboard_answers_status")
    .on("webboard_answers")
    .columns(["agency_id", "status", "updated_at"])
    .execute();

  // The words a topic is found by: its title, visible posts and published answers (never a draft).
  await db.schema
    .createTable("webboard_search_terms")
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("topic_id", "text", (c) => c.notNull().references("webboard_topics.id"))
    .addPrimaryKeyConstraint("webboard_search_terms_pk", ["agency_id", "term", "topic_id"])
    .execute();
  await db.schema
    .createIndex("webboard_search_terms_topic")
    .on("webboard_search_terms")
    .column("topic_id")
    .execute();

  await db.schema
    .createTable("webboard_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("topic_id", "text", (c) => c.notNull().references("webboard_topics.id"))
    // null: the report is about the topic itself.
    .addColumn("post_id", "text", (c) => c.references("webboard_posts.id"))
    .addColumn("reporter_account_id", "text", (c) => c.references("citizen_accounts.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .addColumn("outcome", "text")
    .execute();
  await db.schema
    .createIndex("webboard_reports_open")
    .on("webboard_reports")
    .columns(["agency_id", "resolved_at", "created_at"])
    .execute();

  // IF-4, WB-1: a published question and answer, attached to a service (null: general).
  await db.schema
    .createTable("faq_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("service_id", "text", (c) => c.references("services.id"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("regulation", "text")
    .addColumn("regulation_effective_on", "text")
    .addColumn("holds_as_of", "text")
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .addColumn("published_by", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_by", "text")
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_reason", "text")
    .execute();
  // One FAQ entry per source (a webboard answer, a logged question): promoting twice is no second entry.
  await db.schema
    .createIndex("faq_entries_source")
    .on("faq_entries")
    .columns(["agency_id", "source", "source_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("faq_entries_service")
    .on("faq_entries")
    .columns(["agency_id", "service_id", "status", "published_at"])
    .execute();
  await db.schema
    .createTable("faq_search_terms")
    .addColumn("agency_id", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("faq_entry_id", "text", (c) => c.notNull().references("faq_entries.id"))
    .addPrimaryKeyConstraint("faq_search_terms_pk", ["agency_id", "term", "faq_entry_id"])
    .execute();
  await db.schema
    .createIndex("faq_search_terms_entry")
    .on("faq_search_terms")
    .column("faq_entry_id")
    .execute();

  // RG-2: a question that reached the agency, logged from its register entry (no retyping).
  await db.schema
    .createTable("request_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("entry_id", "text", (c) => c.notNull().unique().references("entries.id"))
    .addColumn("service_id", "text", (c) => c.references("services.id"))
    .addColumn("information_source", "text")
    .addColumn("remarks", "text")
    .addColumn("answer", "text")
    .addColumn("replied_at", "text")
    .addColumn("replied_via", "text")
    .addColumn("logged_by", "text", (c) => c.notNull())
    .addColumn("logged_at", "text", (c) => c.notNull())
    .addColumn("faq_entry_id", "text", (c) => c.references("faq_entries.id"))
    .execute();
  await db.schema
    .createIndex("request_log_agency")
    .on("request_log")
    .columns(["agency_id", "logged_at", "id"])
    .execute();

  // TR-3: one rating per matter, whichever channel it came by.
  await db.schema
    .createTable("satisfaction_ratings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().unique().references("matters.id"))
    .addColumn("service_id", "text", (c) => c.references("services.id"))
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("satisfaction_ratings_agency")
    .on("satisfaction_ratings")
    .columns(["agency_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "satisfaction_ratings",
    "request_log",
    "faq_search_terms",
    "faq_entries",
    "webboard_reports",
    "webboard_search_terms",
    "webboard_answers",
    "webboard_posts",
    "webboard_topics",
  ])
    await db.schema.dropTable(table).execute();
}
