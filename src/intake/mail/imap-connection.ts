import { ImapFlow } from "imapflow";
import type { FolderRole } from "./classify-mail.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import type { MailboxSettings } from "./mailbox.repo.js";
import type { MailboxOwnership } from "./mailbox-ownership.js";
import type { TokenSource } from "./oauth-token.js";

export interface MailIntakeRunDeps extends MailIntakeDeps {
  log: (msg: string) => void;
  /** Where the secrets named by the mailbox settings are looked up (process.env in production). */
  env: NodeJS.ProcessEnv;
  /** How often the watchers look for changed mailbox settings (default 5 s). */
  settingsCheckMs?: number;
  // #18 processes: without it (tests, one process) every enabled mailbox is watched, as before
  ownership?: MailboxOwnership;
}

export function secretOf(env: NodeJS.ProcessEnv, name: string | null): string {
  const value = name ? env[name] : undefined;
  if (!value) throw new Error(`the environment variable ${name} (mailbox secret) is not set`);
  return value;
}

export async function connect(
  mailbox: MailboxSettings,
  deps: MailIntakeRunDeps,
  tokens: TokenSource | undefined,
) {
  const auth =
    mailbox.auth === "xoauth2" && tokens
      ? { user: mailbox.username, accessToken: await tokens.accessToken() }
      : { user: mailbox.username, pass: secretOf(deps.env, mailbox.secretEnv) };
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.tls,
    auth,
    logger: false,
    // A stalled server must not hold the worker: fail and retry (CH-12 reports it).
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    // IDLE starts one second after the last command (imapflow waits 15 s by default): new mail is
    // noticed at once rather than up to 15 s later.
    autoIdleDelay: 1000,
  });
  client.on("error", (error: Error) => deps.log(`mail ${mailbox.agencyId}: ${error.message}`));
  await client.connect();
  return client;
}

const JUNK_NAMES = /^(junk|spam|junk e-?mail|bulk mail|อีเมลขยะ|จดหมายขยะ)$/i;

/** The folders to look through: INBOX, the junk folder found by its SPECIAL-USE flag (names are localised), extras. */
export async function foldersOf(client: ImapFlow, mailbox: MailboxSettings) {
  const listed = await client.list();
  const folders: { path: string; role: FolderRole }[] = [];
  for (const extra of mailbox.extraFolders) {
    if (listed.some((f) => f.path === extra)) folders.push({ path: extra, role: "other" });
  }
  // A server without SPECIAL-USE (RFC 6154) still has a junk folder by one of its usual names.
  const junk = listed.find((f) => f.specialUse === "\\Junk") ?? listed.find((f) => JUNK_NAMES.test(f.name));
  if (junk) folders.push({ path: junk.path, role: "junk" });
  // INBOX last, so that what CH-7 moved there is taken in the same pass.
  folders.push({ path: "INBOX", role: "inbox" });
  if (!listed.some((f) => f.path === mailbox.processedFolder)) {
    await client.mailboxCreate(mailbox.processedFolder).catch((error: Error) => {
      if (!/exists/i.test(error.message)) throw error;
    });
  }
  return folders;
}

export async function quotaOf(client: ImapFlow) {
  const quota = await client.getQuota("INBOX").catch(() => false as const);
  if (quota === false || !quota.storage) return {};
  return { quotaUsed: quota.storage.usage, quotaLimit: quota.storage.limit };
}

export function describeError(error: unknown): string {
  const e = error as {
    authenticationFailed?: boolean;
    responseText?: string;
    message?: string;
    code?: string;
  };
  if (e.authenticationFailed) return `login failed: ${e.responseText ?? e.message ?? ""}`.trim();
  return [e.code, e.responseText ?? e.message].filter(Boolean).join(": ") || String(error);
}
