import { ImapFlow } from "imapflow";
import { type Agency, findAgency } from "../../agencies/index.js";
import type { Db } from "../../platform/db/database.js";
import type { FolderRole } from "./classify-mail.js";
import {
  findMailbox,
  listEnabledMailboxes,
  type MailboxSettings,
  recordMailboxHealth,
} from "./mailbox.repo.js";
import { createTokenSource, type TokenSource } from "./oauth-token.js";
import { parseMail } from "./parse-mail.js";
import { kindOfMail, type MailIntakeDeps, prepareMail, type ReceiveResult } from "./receive-mail.js";

export interface MailIntakeRunDeps extends MailIntakeDeps {
  log: (msg: string) => void;
  /** Where the secrets named by the mailbox settings are looked up (process.env in production). */
  env: NodeJS.ProcessEnv;
  /** How often the watchers look for changed mailbox settings (default 5 s). */
  settingsCheckMs?: number;
}

export interface PassSummary {
  registered: number;
  held: number;
  automatic: number;
  duplicates: number;
  movedToInbox: number;
  expunged: number;
  /** Messages that could not be taken this pass (left in place, tried again next time). */
  failed: number;
}

const emptySummary = (): PassSummary => ({
  registered: 0,
  held: 0,
  automatic: 0,
  duplicates: 0,
  movedToInbox: 0,
  expunged: 0,
  failed: 0,
});

function secretOf(env: NodeJS.ProcessEnv, name: string | null): string {
  const value = name ? env[name] : undefined;
  if (!value) throw new Error(`the environment variable ${name} (mailbox secret) is not set`);
  return value;
}

async function connect(mailbox: MailboxSettings, deps: MailIntakeRunDeps, tokens: TokenSource | undefined) {
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
async function foldersOf(client: ImapFlow, mailbox: MailboxSettings) {
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

async function knownUids(db: Db, agencyId: string, folder: string, uidValidity: string, uids: number[]) {
  const known = new Map<number, string | null>();
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db
      .selectFrom("mail_messages")
      .select(["uid", "moved_at"])
      .where("agency_id", "=", agencyId)
      .where("folder", "=", folder)
      .where("uid_validity", "=", uidValidity)
      .where("uid", "in", uids.slice(i, i + 500))
      .execute();
    for (const row of rows) known.set(Number(row.uid), row.moved_at);
  }
  return known;
}

async function markMoved(
  db: Db,
  agencyId: string,
  folder: string,
  uidValidity: string,
  uids: number[],
  at: string,
) {
  for (let i = 0; i < uids.length; i += 500) {
    await db
      .updateTable("mail_messages")
      .set({ moved_at: at })
      .where("agency_id", "=", agencyId)
      .where("folder", "=", folder)
      .where("uid_validity", "=", uidValidity)
      .where("uid", "in", uids.slice(i, i + 500))
      .execute();
  }
}

/** Messages fetched with one FETCH command, and prepared this many at once ahead of the commits. */
const FETCH_BATCH = 25;
const PREPARE_AHEAD = 8;

/**
 * Starts `prepare` for each item, at most `ahead` at once and in item order, and returns the promises in
 * item order. Each carries its own failure; none is left unobserved while the caller awaits them in turn.
 */
function preparedInOrder<T, R>(items: T[], ahead: number, prepare: (item: T) => Promise<R>): Promise<R>[] {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < ahead) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) =>
      waiting.push(() => {
        active++;
        resolve();
      }),
    );
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return items.map((item) => {
    const result = acquire().then(() => prepare(item).finally(release));
    result.catch(() => {}); // observed here; the caller still sees the rejection when it awaits
    return result;
  });
}

/**
 * One pass over a mailbox. State is the database's, by UIDVALIDITY + UID and Message-ID: the mailbox is
 * shared with people, so `\Seen` proves nothing and is never touched (BODY.PEEK). Each message is taken
 * and committed first, then moved out of the folder; a crash in between leaves it in place, and the next
 * pass only moves it.
 */
async function passOver(
  client: ImapFlow,
  agency: Agency,
  mailbox: MailboxSettings,
  deps: MailIntakeRunDeps,
  isStopping: () => boolean = () => false,
): Promise<PassSummary> {
  const summary = emptySummary();
  const db = deps.handle.db;
  for (const folder of await foldersOf(client, mailbox)) {
    // Stopping: the batch in hand is committed and moved; the rest waits for the next start.
    if (isStopping()) return summary;
    const lock = await client.getMailboxLock(folder.path);
    try {
      const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : 0);
      const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
      const known = await knownUids(db, agency.id, folder.path, uidValidity, uids);
      const now = () => deps.clock.now().toISOString();
      // Taken before a crash or a failed move: only the move is left to do.
      const leftBehind = uids.filter((uid) => known.has(uid));
      if (leftBehind.length > 0) {
        await client.messageMove(leftBehind.join(","), mailbox.processedFolder, { uid: true });
        await markMoved(db, agency.id, folder.path, uidValidity, leftBehind, now());
      }
      const fresh = uids.filter((uid) => !known.has(uid));
      for (let i = 0; i < fresh.length && !isStopping(); i += FETCH_BATCH) {
        const batch = fresh.slice(i, i + FETCH_BATCH);
        // One streamed FETCH for the batch (BODY.PEEK, so \Seen is left alone); commands cannot be sent
        // while it streams, so the batch is read into memory first.
        const fetched: { uid: number; source: Buffer; internalDate: Date }[] = [];
        for await (const message of client.fetch(
          batch.join(","),
          { source: true, internalDate: true },
          { uid: true },
        )) {
          if (!message.source) continue;
          const internalDate = message.internalDate ? new Date(message.internalDate) : deps.clock.now();
          fetched.push({ uid: message.uid, source: message.source, internalDate });
        }
        fetched.sort((a, b) => a.uid - b.uid);
        let toTake = fetched;
        if (folder.role === "other") {
          // CH-7: non-spam outside the inbox is moved to the inbox (the server keeps its INTERNALDATE).
          const toInbox: typeof fetched = [];
          for (const m of fetched) {
            const kind = kindOfMail(await parseMail(m.source), agency, "other", mailbox.trustedServer);
            if (kind.kind !== "held") toInbox.push(m);
          }
          if (toInbox.length > 0) {
            await client.messageMove(toInbox.map((m) => m.uid).join(","), "INBOX", { uid: true });
            summary.movedToInbox += toInbox.length;
          }
          toTake = fetched.filter((m) => !toInbox.includes(m));
        }
        // Parsing, storing and screening run a few at a time; commits go one by one in arrival order,
        // which is the order of the receipt numbers (RG-1).
        const commits = preparedInOrder(toTake, PREPARE_AHEAD, (m) =>
          prepareMail(
            deps,
            agency,
            { trustedServer: mailbox.trustedServer },
            {
              raw: m.source,
              folder: folder.path,
              folderRole: folder.role,
              uidValidity,
              uid: m.uid,
              internalDate: m.internalDate,
            },
          ),
        );
        const taken: number[] = [];
        const recorded: number[] = [];
        for (const [index, pending] of commits.entries()) {
          const uid = toTake[index]!.uid;
          let result: ReceiveResult;
          try {
            result = await (await pending)();
          } catch (error) {
            // One message that cannot be taken must not stop the others: it stays where it is, untouched,
            // and is tried again at the next pass.
            summary.failed++;
            deps.log(
              `mail ${agency.id}: ${folder.path} UID ${uid} not taken, will retry: ${describeError(error)}`,
            );
            continue;
          }
          if (result.outcome === "registered") summary.registered++;
          else if (result.outcome === "held") summary.held++;
          else if (result.outcome === "duplicate") summary.duplicates++;
          else summary.automatic++;
          taken.push(uid);
          if (result.outcome !== "duplicate") recorded.push(uid);
        }
        // Committed first, moved after: a crash in between leaves them in place for the next pass to move.
        if (taken.length > 0) {
          await client.messageMove(taken.join(","), mailbox.processedFolder, { uid: true });
          await markMoved(db, agency.id, folder.path, uidValidity, recorded, now());
        }
      }
    } finally {
      lock.release();
    }
  }
  if (!isStopping()) summary.expunged = await expireProcessed(client, mailbox, deps.clock.now());
  return summary;
}

/** Retention: the processed folder is emptied after `retentionDays`, so the mailbox never fills up. */
async function expireProcessed(client: ImapFlow, mailbox: MailboxSettings, now: Date): Promise<number> {
  if (mailbox.retentionDays <= 0) return 0;
  const lock = await client.getMailboxLock(mailbox.processedFolder);
  try {
    const before = new Date(now.getTime() - mailbox.retentionDays * 86_400_000);
    const old = (await client.search({ before }, { uid: true })) || [];
    if (old.length > 0) await client.messageDelete(old.join(","), { uid: true });
    return old.length;
  } finally {
    lock.release();
  }
}

async function quotaOf(client: ImapFlow) {
  const quota = await client.getQuota("INBOX").catch(() => false as const);
  if (quota === false || !quota.storage) return {};
  return { quotaUsed: quota.storage.usage, quotaLimit: quota.storage.limit };
}

export interface MailIntake {
  /** One pass over one agency's mailbox (or every enabled one), connecting and disconnecting. */
  runOnce(agencyId?: string): Promise<PassSummary>;
  /**
   * Watches every enabled mailbox: IDLE on INBOX, with a full pass every `pollSeconds` as the fallback.
   * Settings changed while it runs take effect within seconds, without a restart.
   */
  start(): void;
  stop(): Promise<void>;
}

export function createMailIntake(deps: MailIntakeRunDeps): MailIntake {
  const tokenSources = new Map<string, TokenSource>();
  const tokensFor = (mailbox: MailboxSettings) => {
    if (mailbox.auth !== "xoauth2") return undefined;
    // Keyed by everything the token depends on, so changed settings take effect without a restart.
    const key = JSON.stringify([
      mailbox.agencyId,
      mailbox.oauthTokenUrl,
      mailbox.oauthClientId,
      mailbox.oauthClientSecretEnv,
      mailbox.secretEnv,
    ]);
    let source = tokenSources.get(key);
    if (!source) {
      source = createTokenSource({
        tokenUrl: mailbox.oauthTokenUrl ?? "",
        clientId: mailbox.oauthClientId ?? "",
        clientSecret: mailbox.oauthClientSecretEnv
          ? secretOf(deps.env, mailbox.oauthClientSecretEnv)
          : undefined,
        refreshToken: secretOf(deps.env, mailbox.secretEnv),
      });
      tokenSources.set(key, source);
    }
    return source;
  };

  async function withMailbox<T>(
    mailbox: MailboxSettings,
    work: (client: ImapFlow, agency: Agency) => Promise<T>,
  ) {
    const at = () => deps.clock.now().toISOString();
    const agency = await findAgency(deps.handle.db, mailbox.agencyId);
    if (!agency) throw new Error(`agency ${mailbox.agencyId} is gone`);
    let client: ImapFlow | undefined;
    try {
      client = await connect(mailbox, deps, tokensFor(mailbox));
      const result = await work(client, agency);
      await recordMailboxHealth(deps.handle.db, mailbox.agencyId, at(), {
        ok: true,
        ...(await quotaOf(client)),
      });
      return result;
    } catch (error) {
      // A refused access token (revoked, password reset) is dropped, so the next attempt refreshes it.
      if ((error as { authenticationFailed?: boolean }).authenticationFailed)
        tokensFor(mailbox)?.invalidate();
      const message = describeError(error);
      deps.log(`mail ${mailbox.agencyId}: ${message}`);
      // CH-12: a failed login or an unreachable server is shown to the officers until it works again.
      await recordMailboxHealth(deps.handle.db, mailbox.agencyId, at(), { ok: false, error: message });
      throw error;
    } finally {
      await client?.logout().catch(() => client?.close());
    }
  }

  async function runOnce(agencyId?: string): Promise<PassSummary> {
    const mailboxes = agencyId
      ? [await findMailbox(deps.handle.db, agencyId)].filter((m) => m !== undefined)
      : await listEnabledMailboxes(deps.handle.db);
    const total = emptySummary();
    for (const mailbox of mailboxes) {
      const summary = await withMailbox(mailbox, (client, agency) => passOver(client, agency, mailbox, deps));
      for (const key of Object.keys(total) as (keyof PassSummary)[]) total[key] += summary[key];
    }
    return total;
  }

  let stopping = false;
  let supervising: Promise<void> | undefined;
  const supervisor: Waker = { wake: () => {} };
  const watchers = new Map<string, Watcher>();

  /** Waits `ms`, or less: cut short by stop(), by changed settings, or (with a client) new mail or a closed connection. */
  function pause(ms: number, waker: Waker, client?: ImapFlow): Promise<void> {
    return new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        client?.off("exists", done);
        client?.off("close", done);
        waker.wake = () => {};
        resolve();
      }
      client?.on("exists", done);
      client?.on("close", done);
      waker.wake = done;
    });
  }

  /**
   * Watches one agency's mailbox with the settings it reads before each pass, so a change made while the
   * worker runs (folders, retention, poll interval, trusted server) is used at the next pass; a new
   * server or login reconnects; a disabled or removed mailbox ends the watch.
   */
  async function watch(agencyId: string, watcher: Watcher) {
    let failures = 0;
    while (!stopping) {
      const mailbox = await findMailbox(deps.handle.db, agencyId);
      if (!mailbox?.enabled) return;
      watcher.settings = settingsKey(mailbox);
      try {
        await withMailbox(mailbox, async (client, agency) => {
          failures = 0;
          let current = mailbox;
          while (!stopping && client.usable) {
            await passOver(client, agency, current, deps, () => stopping);
            await recordMailboxHealth(deps.handle.db, agencyId, deps.clock.now().toISOString(), { ok: true });
            // IDLE on INBOX (imapflow idles by itself once the connection is quiet); new mail wakes us.
            const lock = await client.getMailboxLock("INBOX");
            lock.release();
            await pause(current.pollSeconds * 1000, watcher, client);
            const fresh = await findMailbox(deps.handle.db, agencyId);
            if (!fresh?.enabled || connectionKey(fresh) !== connectionKey(current)) return;
            current = fresh;
            watcher.settings = settingsKey(fresh);
          }
        });
      } catch {
        failures++;
        // Back off 5 s, 10 s … up to 5 minutes between attempts while the mailbox is failing; changed
        // settings (a corrected host or login) are tried at once.
        await pause(Math.min(5_000 * 2 ** Math.min(failures - 1, 6), 300_000), watcher);
      }
    }
  }

  /**
   * Reads the mailbox settings every few seconds: a mailbox enabled while the worker runs is watched,
   * and the watcher of one whose settings changed is woken to take them up at once.
   */
  async function supervise() {
    while (!stopping) {
      try {
        const enabled = await listEnabledMailboxes(deps.handle.db);
        for (const mailbox of enabled) {
          const watcher = watchers.get(mailbox.agencyId);
          if (!watcher) {
            const started: Watcher = {
              settings: settingsKey(mailbox),
              wake: () => {},
              done: Promise.resolve(),
            };
            watchers.set(mailbox.agencyId, started);
            started.done = watch(mailbox.agencyId, started)
              .catch((error) => deps.log(`mail ${mailbox.agencyId}: ${String(error)}`))
              .finally(() => watchers.delete(mailbox.agencyId));
          } else if (watcher.settings !== settingsKey(mailbox)) watcher.wake();
        }
        for (const [agencyId, watcher] of watchers) {
          if (!enabled.some((m) => m.agencyId === agencyId)) watcher.wake();
        }
      } catch (error) {
        deps.log(`mail: ${String(error)}`);
      }
      await pause(settingsCheckMs, supervisor);
    }
  }

  const settingsCheckMs = deps.settingsCheckMs ?? 5000;
  return {
    runOnce,
    start() {
      if (supervising) return;
      stopping = false;
      supervising = supervise();
    },
    async stop() {
      stopping = true;
      supervisor.wake();
      for (const watcher of watchers.values()) watcher.wake();
      await supervising;
      await Promise.allSettled([...watchers.values()].map((w) => w.done));
      supervising = undefined;
    },
  };
}

interface Waker {
  /** Cuts the current pause short (a no-op while not pausing). */
  wake: () => void;
}

interface Watcher extends Waker {
  /** The settings the watcher last read, to tell when they changed. */
  settings: string;
  done: Promise<void>;
}

/** The settings as a comparable string (without the health columns, which change at every pass). */
function settingsKey(mailbox: MailboxSettings): string {
  const { health: _health, ...settings } = mailbox as MailboxSettings & { health?: unknown };
  return JSON.stringify(settings);
}

/** What the connection depends on: when any of it changes, the watcher logs out and connects anew. */
function connectionKey(m: MailboxSettings): string {
  return JSON.stringify([
    m.host,
    m.port,
    m.tls,
    m.username,
    m.auth,
    m.secretEnv,
    m.oauthTokenUrl,
    m.oauthClientId,
    m.oauthClientSecretEnv,
  ]);
}

function describeError(error: unknown): string {
  const e = error as {
    authenticationFailed?: boolean;
    responseText?: string;
    message?: string;
    code?: string;
  };
  if (e.authenticationFailed) return `login failed: ${e.responseText ?? e.message ?? ""}`.trim();
  return [e.code, e.responseText ?? e.message].filter(Boolean).join(": ") || String(error);
}
