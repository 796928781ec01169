import type { ImapFlow } from "imapflow";
import { type Agency, findAgency } from "../../agencies/index.js";
import type { KeptLease } from "../../platform/leases/index.js";
import { connect, describeError, type MailIntakeRunDeps, quotaOf, secretOf } from "./imap-connection.js";
import { emptySummary, type PassSummary, passOver } from "./mail-pass.js";
import {
  findMailbox,
  listEnabledMailboxes,
  type MailboxSettings,
  recordMailboxHealth,
} from "./mailbox.repo.js";
import { mailboxShare, takeMailbox } from "./mailbox-ownership.js";
import { createTokenSource, type TokenSource } from "./oauth-token.js";

export type { MailIntakeRunDeps } from "./imap-connection.js";
export type { PassSummary } from "./mail-pass.js";

export interface MailIntake {
  /** One pass over one agency's mailbox (or every enabled one), connecting and disconnecting. */
  runOnce(agencyId?: string): Promise<PassSummary>;
  /**
   * Watches every enabled mailbox: IDLE on INBOX, with a full pass every `pollSeconds` as the fallback.
   * Settings changed while it runs take effect within seconds, without a restart.
   */
  start(): void;
  /**
   * Finishes the passes in hand and gives the mailboxes' leases up. #18: `abandon` leaves the leases to run
   * out instead, as a worker that died would (to test the takeover).
   */
  stop(options?: { abandon?: boolean }): Promise<void>;
  /** #18 processes: the agencies whose mailbox this process watches now. */
  watching(): string[];
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
    // #18 processes: a watch ends when its lease is lost or handed over, as at a stop (released after it)
    const ended = () => stopping || watcher.handOver === true || watcher.lease?.held === false;
    while (!ended()) {
      const mailbox = await findMailbox(deps.handle.db, agencyId);
      if (!mailbox?.enabled) return;
      watcher.settings = settingsKey(mailbox);
      try {
        await withMailbox(mailbox, async (client, agency) => {
          failures = 0;
          let current = mailbox;
          while (!ended() && client.usable) {
            await passOver(client, agency, current, deps, ended);
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
        // #18 processes: this worker's share of the mailboxes, each watched only under its lease
        const { ownership } = deps;
        const share = ownership ? await mailboxShare(deps.handle.db, ownership, enabled.length) : Infinity;
        for (const mailbox of enabled) {
          const watcher = watchers.get(mailbox.agencyId);
          if (!watcher) {
            if (stopping || watchers.size >= share) continue;
            const started: Watcher = {
              settings: settingsKey(mailbox),
              wake: () => {},
              done: Promise.resolve(),
            };
            if (ownership) {
              started.lease = await takeMailbox(deps.handle.db, ownership, mailbox.agencyId, () =>
                started.wake(),
              );
              if (!started.lease) continue;
            }
            watchers.set(mailbox.agencyId, started);
            started.done = watch(mailbox.agencyId, started)
              .catch((error) => deps.log(`mail ${mailbox.agencyId}: ${String(error)}`))
              .finally(() => {
                watchers.delete(mailbox.agencyId);
                return started.lease?.release().catch(() => undefined);
              });
          } else if (watcher.settings !== settingsKey(mailbox)) watcher.wake();
        }
        for (const [agencyId, watcher] of watchers) {
          if (!enabled.some((m) => m.agencyId === agencyId)) watcher.wake();
        }
        // #18 processes: more than its share (another worker started): one mailbox a check is handed over
        const extra = watchers.size > share ? [...watchers.values()].at(-1) : undefined;
        if (extra?.lease) {
          extra.handOver = true;
          extra.wake();
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
    async stop(options = {}) {
      stopping = true;
      supervisor.wake();
      for (const watcher of watchers.values()) {
        // #18 processes
        if (options.abandon) watcher.lease?.abandon();
        watcher.wake();
      }
      await supervising;
      await Promise.allSettled([...watchers.values()].map((w) => w.done));
      supervising = undefined;
    },
    // #18 processes
    watching: () => [...watchers.keys()],
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
  // #18 processes: the mailbox's lease, when the intake runs with ownership
  lease?: KeptLease;
  /** Set when this worker has more than its share: the watch ends, then the lease is released. */
  handOver?: boolean;
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
