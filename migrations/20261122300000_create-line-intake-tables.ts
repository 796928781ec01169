import type { Kysely } from "kysely";

/* LINE Official Account intake (#5): the channel, every webhook delivery as received, its events, drafts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The agency's LINE channel. Secrets are not kept here: the settings name the environment variables
  // holding the channel secret and the channel access token. Base URLs are settings so that tests (and
  // a proxy) can stand in for LINE's servers.
  await db.schema
    .createTable("line_channels")
    .addColumn("agency_id", "text", (c) => c.primaryKey().references("agencies.id"))
    .addColumn("secret_env", "text", (c) => c.notNull())
    .addColumn("token_env", "text", (c) => c.notNull())
    .addColumn("api_base_url", "text", (c) => c.notNull().defaultTo("https://api.line.me"))
    .addColumn("data_api_base_url", "text", (c) => c.notNull().defaultTo("https://api-data.line.me"))
    .addColumn("quiet_minutes", "integer", (c) => c.notNull().defaultTo(30))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // RG-4: every webhook body exactly as LINE sent it, stored before the 200 is answered.
  await db.schema
    .createTable("line_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .execute();

  // One row per webhook event; LINE's webhookEventId makes a redelivery the same row.
  await db.schema
    .createTable("line_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("webhook_event_id", "text", (c) => c.notNull())
    .addColumn("delivery_id", "text", (c) => c.notNull().references("line_deliveries.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("source_type", "text")
    .addColumn("user_id", "text")
    .addColumn("event_at", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("processed_at", "text")
    .addUniqueConstraint("line_events_webhook_event_unique", ["agency_id", "webhook_event_id"])
    .execute();
  await db.schema
    .createIndex("line_events_pending")
    .on("line_events")
    .columns(["status", "event_at"])
    .execute();

  // A conversation being gathered into one request (CH-10): open until the user submits.
  await db.schema
    .createTable("line_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("full_name", "text")
    .addColumn("submitted_at", "text")
    .addColumn("entry_id", "text", (c) => c.references("entries.id"))
    // The matter a follow-up joins: the user wrote the receipt number of one of their own entries.
    .addColumn("matter_id", "text")
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("line_drafts_user")
    .on("line_drafts")
    .columns(["agency_id", "user_id", "status"])
    .execute();

  await db.schema
    .createTable("line_draft_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("draft_id", "text", (c) => c.notNull().references("line_drafts.id"))
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text")
    .addColumn("line_message_id", "text")
    .addColumn("filename", "text")
    .addColumn("media_type", "text")
    .addColumn("size", "integer")
    .addColumn("sha256", "text")
    .addColumn("storage_key", "text")
    .addColumn("refusal_code", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("line_draft_items_event_unique", ["draft_id", "event_id"])
    .execute();

  // The LINE user an entry came from, so that officers' answers and later messages reach the matter.
  await db.schema.alterTable("entries").addColumn("line_user_id", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("entries").dropColumn("line_user_id").execute();
  await db.schema.dropTable("line_draft_items").execute();
  await db.schema.dropTable("line_drafts").execute();
  await db.schema.dropTable("line_events").execute();
  await db.schema.dropTable("line_deliveries").execute();
  await db.schema.dropTable("line_channels").execute();
}
