import { findAgency } from "../../agencies/index.js";
import { fromLocal, isValidDate } from "../../calendar/index.js";
import type { Config } from "../../config/index.js";
import { systemClock } from "../../platform/clock.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { loadOrCreateSecret } from "../../platform/secret.js";
import { openFileStore } from "../../platform/storage/open-file-store.js";
import { createMailIntake } from "./imap-intake.js";
import { findMailbox, type MailboxSettings, mailboxAlerts, saveMailbox } from "./mailbox.repo.js";
import { startMailbox } from "./start-mailbox.js";

export const MAILBOX_USAGE = `  borikan mailbox set --agency ID --host H --user U --password-env VAR [--port 993] [--no-tls]
                      [--folders A,B] [--processed-folder F] [--retention-days 90] [--poll-seconds 60]
                      [--trusted-server mx.agency.go.th] [--disable]
                                           connect the agency's central mailbox (IMAP); the password is read
                                           from the environment variable VAR when the worker runs
  borikan mailbox set … --oauth-token-url URL --oauth-client-id ID --refresh-token-env VAR
                      [--oauth-client-secret-env VAR]
                                           the same with XOAUTH2 (Microsoft 365, Google Workspace)
  borikan mailbox status --agency ID       the mailbox's settings and health
  borikan mailbox check --agency ID        one pass over the mailbox now, with what it took
  borikan mailbox start --agency ID [--since YYYY-MM-DD]
                                           what a first connection takes: everything, or only mail the
                                           server accepted since that day (older mail stays untouched)
`;

export const MAILBOX_OPTIONS = {
  host: { type: "string" },
  port: { type: "string" },
  user: { type: "string" },
  "no-tls": { type: "boolean" },
  "password-env": { type: "string" },
  "oauth-token-url": { type: "string" },
  "oauth-client-id": { type: "string" },
  "oauth-client-secret-env": { type: "string" },
  "refresh-token-env": { type: "string" },
  folders: { type: "string" },
  "processed-folder": { type: "string" },
  "retention-days": { type: "string" },
  "poll-seconds": { type: "string" },
  "trusted-server": { type: "string" },
  disable: { type: "boolean" },
  since: { type: "string" },
} as const;

type Values = Record<string, string | boolean | undefined>;

const whole = (value: string | boolean | undefined, name: string, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got ${String(value)}`);
  return n;
};

function settingsFrom(
  values: Values,
  agencyId: string,
  existing: MailboxSettings | undefined,
): MailboxSettings {
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const xoauth2 = Boolean(str("oauth-token-url") ?? (existing?.auth === "xoauth2" && !str("password-env")));
  const secretEnv = xoauth2
    ? (str("refresh-token-env") ?? existing?.secretEnv)
    : (str("password-env") ?? existing?.secretEnv);
  const host = str("host") ?? existing?.host;
  const username = str("user") ?? existing?.username;
  if (!host || !username || !secretEnv) {
    throw new Error("--host, --user and --password-env (or --refresh-token-env with XOAUTH2) are required");
  }
  const tls = values["no-tls"] ? false : (existing?.tls ?? true);
  return {
    agencyId,
    host,
    port: whole(str("port"), "port", existing?.port ?? (tls ? 993 : 143)),
    tls,
    username,
    auth: xoauth2 ? "xoauth2" : "password",
    secretEnv,
    oauthTokenUrl: xoauth2 ? (str("oauth-token-url") ?? existing?.oauthTokenUrl ?? null) : null,
    oauthClientId: xoauth2 ? (str("oauth-client-id") ?? existing?.oauthClientId ?? null) : null,
    oauthClientSecretEnv: xoauth2
      ? (str("oauth-client-secret-env") ?? existing?.oauthClientSecretEnv ?? null)
      : null,
    extraFolders:
      str("folders")
        ?.split(",")
        .map((f) => f.trim())
        .filter(Boolean) ??
      existing?.extraFolders ??
      [],
    processedFolder: str("processed-folder") ?? existing?.processedFolder ?? "Borikan-Processed",
    retentionDays: whole(str("retention-days"), "retention-days", existing?.retentionDays ?? 90),
    pollSeconds: Math.max(5, whole(str("poll-seconds"), "poll-seconds", existing?.pollSeconds ?? 60)),
    trustedServer: str("trusted-server") ?? existing?.trustedServer ?? null,
    enabled: !values.disable,
  };
}

/** `borikan mailbox …`: connect the agency's existing mailbox, see its health, take mail now. */
export async function mailboxCommand(
  command: string | undefined,
  values: Values,
  handle: DatabaseHandle,
  config: Config,
): Promise<number> {
  const agencyId = typeof values.agency === "string" ? values.agency : undefined;
  if (!agencyId) throw new Error("--agency is required");
  if (!(await findAgency(handle.db, agencyId))) throw new AppError("AGENCY_NOT_FOUND");
  const existing = await findMailbox(handle.db, agencyId);
  if (command === "set") {
    const settings = settingsFrom(values, agencyId, existing);
    await saveMailbox(handle.db, settings, systemClock.now().toISOString());
    console.log(
      `mailbox of ${agencyId}: ${settings.username} at ${settings.host}:${settings.port} (${settings.auth})`,
    );
    if (!process.env[settings.secretEnv]) {
      console.warn(`warning: ${settings.secretEnv} is not set in this environment; the worker needs it`);
    }
    return 0;
  }
  if (!existing) throw new Error(`no mailbox is connected for ${agencyId}: borikan mailbox set …`);
  if (command === "status") {
    const { health, ...settings } = existing;
    console.log(JSON.stringify({ ...settings, health }, null, 2));
    for (const alert of mailboxAlerts(existing, systemClock.now()))
      console.warn(`alert: ${JSON.stringify(alert)}`);
    return 0;
  }
  if (command === "start") {
    const since = typeof values.since === "string" ? values.since : undefined;
    if (since !== undefined && !isValidDate(since))
      throw new Error(`--since must be a date YYYY-MM-DD, got ${since}`);
    const agency = (await findAgency(handle.db, agencyId))!;
    const sinceAt = since ? fromLocal(since, 0, agency.timeZone) : null;
    if (existing.start.preview) console.log(JSON.stringify(existing.start.preview, null, 2));
    await startMailbox(
      handle,
      systemClock,
      agencyId,
      { since: sinceAt },
      `cli:${process.env.USER ?? "operator"}`,
    );
    console.log(
      sinceAt
        ? `mailbox of ${agencyId}: mail accepted since ${sinceAt.toISOString()} is taken; older mail stays`
        : `mailbox of ${agencyId}: all mail is taken`,
    );
    return 0;
  }
  if (command === "check") {
    const intake = createMailIntake({
      handle,
      clock: systemClock,
      files: openFileStore(config.storage, handle.sealer),
      secret: loadOrCreateSecret(config.dataDir),
      maxFileBytes: config.maxFileBytes,
      log: (msg) => console.warn(msg),
      env: process.env,
    });
    console.log(JSON.stringify(await intake.runOnce(agencyId)));
    return 0;
  }
  throw new Error(`unknown command: mailbox ${command ?? ""}`);
}
