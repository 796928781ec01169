import type { Kysely } from "kysely";

/*
 * #17 status (WS-4): the agency's service status notices — information, degraded service and planned
 * downtime — shown as a banner on every page and in /status.json. A planned downtime is announced 24–48
 * hours ahead: `shown_from` is when the banner starts (never more than 48 hours before the downtime),
 * fixed when the notice is posted. No personal data: the texts are the agency's own announcements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("service_notices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    // information | degraded | downtime
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text_th", "text", (c) => c.notNull())
    .addColumn("text_en", "text", (c) => c.notNull())
    // ISO instants (UTC). A downtime has both; information and degraded start when posted, end optional.
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text")
    .addColumn("shown_from", "text", (c) => c.notNull())
    // Set when a downtime was announced less than 24 hours ahead: why (WS-4's exception, audited).
    .addColumn("emergency_reason", "text")
    // active | withdrawn
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_notices_agency")
    .on("service_notices")
    .columns(["agency_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("service_notices").execute();
}
