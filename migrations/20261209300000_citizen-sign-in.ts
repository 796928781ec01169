import type { Kysely } from "kysely";

/*
 * #13 sign-in (ID-4, WS-3, SC-1): one-time codes sent to an email address or a Thai mobile number
 * (destination sealed, found by its keyed hash; only a keyed hash of the code is kept), the OpenID
 * Connect requests sent to ThaiD (state, nonce, PKCE verifier, where to return; used once), and the
 * per-key attempt counters that slow code requests per destination and per client address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sign_in_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    /** email, sms */
    .addColumn("channel", "text", (c) => c.notNull())
    /** Sealed (ID-7): the address or number the code went to. */
    .addColumn("destination", "text", (c) => c.notNull())
    .addColumn("destination_hmac", "text", (c) => c.notNull())
    /** HMAC of the code under the index key, salted with the id: a stolen table reveals no code. */
    .addColumn("code_hmac", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    /** Ten minutes after created_at (ID-4: IAL1 / AAL1 one-time code). */
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("sign_in_codes_destination")
    .on("sign_in_codes")
    .columns(["agency_id", "destination_hmac", "created_at"])
    .execute();
  await db.schema
    .createTable("oidc_requests")
    /** sha256 of the `state` sent to the provider. */
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agency_id", "text", (c) => c.notNull().references("agencies.id"))
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    /** A local path to return to after the sign-in. */
    .addColumn("return_path", "text", (c) => c.notNull())
    /** Step-up: the account signed in by a code when the request started; the pid is attached to it. */
    .addColumn("account_id", "text", (c) => c.references("citizen_accounts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    /** Set once, atomically, by the callback: a replayed state finds it set and is refused. */
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("oidc_requests_expiry").on("oidc_requests").column("expires_at").execute();
  await db.schema
    .createTable("citizen_sign_in_limits")
    /** `ip:<address>` or `to:<destination hmac>`. */
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("citizen_sign_in_limits_window")
    .on("citizen_sign_in_limits")
    .column("window_started_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ["citizen_sign_in_limits", "oidc_requests", "sign_in_codes"])
    await db.schema.dropTable(t).execute();
}
