import type { Db } from "../../platform/db/database.js";
import type { MailboxRow, MailboxStartState } from "./mail.table.js";

/** How Borikan reaches an agency's existing central mailbox. */
export interface MailboxSettings {
  agencyId: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  /** `password`, or `xoauth2` for Microsoft 365 and Google Workspace. */
  auth: "password" | "xoauth2";
  /** The environment variable holding the password or the OAuth2 refresh token; never the secret itself. */
  secretEnv: string;
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthClientSecretEnv: string | null;
  /** CH-7: further folders to look through; non-spam found there is moved to INBOX. */
  extraFolders: string[];
  /**
   * Where a message goes once taken. What Borikan moved there is deleted `retentionDays` after the move
   * (the raw copy stays in Borikan); what a person put there is never deleted.
   */
  processedFolder: string;
  retentionDays: number;
  pollSeconds: number;
  /** CH-6: the agency's own mail server, whose spam and authentication verdicts are trusted. */
  trustedServer: string | null;
  enabled: boolean;
}

export interface MailboxHealth {
  lastOkAt: Date | null;
  failingSince: Date | null;
  lastError: string | null;
  quotaUsed: number | null;
  quotaLimit: number | null;
}

export interface FolderPreview {
  folder: string;
  count: number;
  oldest: string | null;
  newest: string | null;
}

/** What a mailbox held at its first connection, shown to the admin who decides what to take. */
export interface FirstConnectionPreview {
  at: string;
  folders: FolderPreview[];
}

/** #10: whether mail is taken yet, and from when (the first connection asks first; see first-connection.ts). */
export interface MailboxStart {
  state: MailboxStartState;
  /** Mail the server accepted before this is left untouched in the mailbox. */
  takeSince: Date | null;
  preview: FirstConnectionPreview | null;
  startedBy: string | null;
  startedAt: Date | null;
}

export function mailboxFromRow(
  row: MailboxRow,
): MailboxSettings & { health: MailboxHealth; start: MailboxStart } {
  return {
    agencyId: row.agency_id,
    host: row.host,
    port: Number(row.port),
    tls: Number(row.tls) === 1,
    username: row.username,
    auth: row.auth,
    secretEnv: row.secret_env,
    oauthTokenUrl: row.oauth_token_url,
    oauthClientId: row.oauth_client_id,
    oauthClientSecretEnv: row.oauth_client_secret_env,
    extraFolders: JSON.parse(row.extra_folders) as string[],
    processedFolder: row.processed_folder,
    retentionDays: Number(row.retention_days),
    pollSeconds: Number(row.poll_seconds),
    trustedServer: row.trusted_authserv_id,
    enabled: Number(row.enabled) === 1,
    health: {
      lastOkAt: row.last_ok_at ? new Date(row.last_ok_at) : null,
      failingSince: row.failing_since ? new Date(row.failing_since) : null,
      lastError: row.last_error,
      quotaUsed: row.quota_used === null ? null : Number(row.quota_used),
      quotaLimit: row.quota_limit === null ? null : Number(row.quota_limit),
    },
    start: {
      state: row.start_state,
      takeSince: row.take_since ? new Date(row.take_since) : null,
      preview: row.first_preview ? (JSON.parse(row.first_preview) as FirstConnectionPreview) : null,
      startedBy: row.started_by,
      startedAt: row.started_at ? new Date(row.started_at) : null,
    },
  };
}

/** The first connection found a full mailbox: it waits for the admin (only from `new`). */
export async function markMailboxPending(db: Db, agencyId: string, preview: FirstConnectionPreview) {
  const updated = await db
    .updateTable("mailboxes")
    .set({ start_state: "pending", first_preview: JSON.stringify(preview) })
    .where("agency_id", "=", agencyId)
    .where("start_state", "=", "new")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/**
 * Mail is taken from now on, since `since` if given. Only a mailbox not yet started can be: returns false
 * when it already was (another admin chose first).
 */
export async function markMailboxStarted(
  db: Db,
  agencyId: string,
  choice: { since: Date | null; by: string; at: string },
) {
  const updated = await db
    .updateTable("mailboxes")
    .set({
      start_state: "started",
      take_since: choice.since?.toISOString() ?? null,
      started_by: choice.by,
      started_at: choice.at,
    })
    .where("agency_id", "=", agencyId)
    .where("start_state", "in", ["new", "pending"])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function findMailbox(db: Db, agencyId: string) {
  const row = await db
    .selectFrom("mailboxes")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  return row && mailboxFromRow(row);
}

export async function listEnabledMailboxes(db: Db) {
  const rows = await db.selectFrom("mailboxes").selectAll().where("enabled", "=", 1).execute();
  return rows.map(mailboxFromRow);
}

export async function saveMailbox(db: Db, settings: MailboxSettings, at: string): Promise<void> {
  const values = {
    host: settings.host,
    port: settings.port,
    tls: settings.tls ? 1 : 0,
    username: settings.username,
    auth: settings.auth,
    secret_env: settings.secretEnv,
    oauth_token_url: settings.oauthTokenUrl,
    oauth_client_id: settings.oauthClientId,
    oauth_client_secret_env: settings.oauthClientSecretEnv,
    extra_folders: JSON.stringify(settings.extraFolders),
    processed_folder: settings.processedFolder,
    retention_days: settings.retentionDays,
    poll_seconds: settings.pollSeconds,
    trusted_authserv_id: settings.trustedServer,
    enabled: settings.enabled ? 1 : 0,
    updated_at: at,
  };
  await db
    .insertInto("mailboxes")
    .values({ agency_id: settings.agencyId, ...values })
    .onConflict((oc) => oc.column("agency_id").doUpdateSet(values))
    .execute();
}

/** CH-12: what the last attempt to reach the mailbox found. */
export async function recordMailboxHealth(
  db: Db,
  agencyId: string,
  at: string,
  result: { ok: true; quotaUsed?: number; quotaLimit?: number } | { ok: false; error: string },
): Promise<void> {
  if (result.ok) {
    await db
      .updateTable("mailboxes")
      .set({
        last_ok_at: at,
        failing_since: null,
        last_error: null,
        ...(result.quotaLimit
          ? { quota_used: result.quotaUsed ?? null, quota_limit: result.quotaLimit }
          : {}),
      })
      .where("agency_id", "=", agencyId)
      .execute();
    return;
  }
  await db
    .updateTable("mailboxes")
    .set((eb) => ({
      last_error: result.error.slice(0, 500),
      failing_since: eb.fn.coalesce("failing_since", eb.val(at)),
    }))
    .where("agency_id", "=", agencyId)
    .execute();
}

/** CH-12: problems an officer must see: failing login or connection, a stalled mailbox, a nearly full one. */
export type MailboxAlert =
  | { problem: "failing"; since: Date; error: string }
  | { problem: "stalled"; lastOkAt: Date | null }
  | { problem: "nearly-full"; percent: number };

export function mailboxAlerts(
  mailbox: MailboxSettings & { health: MailboxHealth },
  now: Date,
): MailboxAlert[] {
  const { health } = mailbox;
  const alerts: MailboxAlert[] = [];
  if (health.failingSince) {
    alerts.push({ problem: "failing", since: health.failingSince, error: health.lastError ?? "" });
  } else if (
    mailbox.enabled &&
    (!health.lastOkAt ||
      now.getTime() - health.lastOkAt.getTime() > Math.max(15 * 60, 3 * mailbox.pollSeconds) * 1000)
  ) {
    alerts.push({ problem: "stalled", lastOkAt: health.lastOkAt });
  }
  if (health.quotaLimit && health.quotaUsed !== null && health.quotaUsed / health.quotaLimit >= 0.9) {
    alerts.push({
      problem: "nearly-full",
      percent: Math.round((100 * health.quotaUsed) / health.quotaLimit),
    });
  }
  return alerts;
}
