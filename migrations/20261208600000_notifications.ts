import type { Kysely } from "kysely";

/*
 * #12 notifications (TR-2, RV-5, AP-2, IF-3): the applicant is told of each change of their matter on
 * the channel they used. `notifications` holds one row per timeline action that tells them something
 * (unique on `matter_action_id`, so two workers never notify the same action twice); the recipient is
 * named by id (the entry for email, whose address the outbox row holds; the LINE user id), never copied.
 * `status`: queued (an outbox message; its own row says sent, failed or bounced), pending (a LINE push
 * not yet answered), sent, failed, not_configured (no LINE token), no-channel (nothing to reach them
 * by: the tracking page is where they see it). `notification_cursor` is where the sweep has read the
 * timeline to. `notification_templates` are an agency's own wordings per event and language.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("matter_id", "text", (c) => c.notNull().references("matters.id"))
    .addColumn("matter_action_id", "text", (c) => c.notNull().unique().references("matter_actions.id"))
    .addColumn("action_version", "integer", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notifications_matter")
    .on("notifications")
    .columns(["matter_id", "action_version"])
    .execute();
  await db.schema.createIndex("notifications_status").on("notifications").columns(["status"]).execute();

  await db.schema
    .createTable("notification_cursor")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("after_at", "text", (c) => c.notNull())
    .addColumn("after_id", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notification_templates")
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_templates_pk", ["agency_id", "event", "language"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification_templates").execute();
  await db.schema.dropTable("notification_cursor").execute();
  await db.schema.dropTable("notifications").execute();
}
