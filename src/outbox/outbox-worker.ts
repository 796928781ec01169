import type { ExpressionBuilder } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import type { Database } from "../platform/db/schema.js";
import { failpoint } from "../platform/failpoint.js";
import type { MailSender, OutgoingMail } from "../platform/mail/transport.js";
import { recordAction } from "../register/index.js";
import type { OutboxRow } from "./outbox.table.js";
import { invalidRecipient, permanentRefusal } from "./permanent-refusal.js";
import { auditSubjectOf, type ComposeMessage, expiredReason, keptPayload, messageOf } from "./queued-mail.js";

const MAX_ATTEMPTS = 12;

/** 30 s, 1 min, 2 min … capped at one hour between attempts. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/**
 * Due now: pending and its time has come, or claimed by a worker whose lease ran out before it handed
 * the message to the mail server, or kept while no mail server was configured (never handed to any, so
 * sending it now is its first and only send). Written on the row's own columns, so that PostgreSQL
 * re-checks it on the row as it stands when a concurrent claim has just changed it (a subquery would
 * not be re-read).
 */
const isDue = (now: string) => (eb: ExpressionBuilder<Database, "outbox">) =>
  eb.or([
    eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
    eb.and([eb("status", "=", "sending"), eb("lease_until", "<", now), eb("send_started_at", "is", null)]),
    eb("status", "=", "not_configured"),
  ]);

/**
 * A worker died while the mail server had the message: it may have gone out. Sending again could
 * answer twice (CH-4), so the row waits for an officer instead (shown on the register page).
 */
async function markAbandonedUncertain(db: Db, at: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ status: "uncertain", lease_until: null })
    .where("status", "=", "sending")
    .where("lease_until", "<", at)
    .where("send_started_at", "is not", null)
    .execute();
}

/**
 * No mail server is configured: due messages are kept as `not_configured` rather than called sent
 * (CH-4: the entry stays unacknowledged and its deadline runs). Returns how many were newly kept.
 */
async function keepUnsendable(db: Db, clock: Clock): Promise<number> {
  const at = clock.now().toISOString();
  await markAbandonedUncertain(db, at);
  const result = await db
    .updateTable("outbox")
    .set({ status: "not_configured", lease_until: null })
    .where(isDue(at))
    .where("status", "!=", "not_configured")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims one due message by compare-and-set on its status, so two workers (or processes) never send
 * the same row at once; a worker that dies mid-send leaves a lease that expires and the row is retried.
 */
async function claimNext(db: Db, clock: Clock, leaseMs: number): Promise<OutboxRow | undefined> {
  const now = clock.now();
  const at = now.toISOString();
  await markAbandonedUncertain(db, at);
  const candidate = await db
    .selectFrom("outbox")
    .select("id")
    .where(isDue(at))
    .orderBy("next_attempt_at")
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return undefined;
  const result = await db
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      lease_until: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "=", candidate.id)
    .where(isDue(at))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return claimNext(db, clock, leaseMs);
  return db.selectFrom("outbox").selectAll().where("id", "=", candidate.id).executeTakeFirst();
}

async function recordSent(
  handle: DatabaseHandle,
  row: OutboxRow,
  mail: OutgoingMail,
  at: string,
): Promise<void> {
  await withTransaction(handle, async (trx) => {
    await trx
      .updateTable("outbox")
      .set({
        status: "sent",
        sent_at: at,
        lease_until: null,
        send_started_at: null,
        payload: keptPayload(row, mail),
      })
      .where("id", "=", row.id)
      .execute();
    // CH-4: the entry counts as acknowledged when its acknowledgement has actually left.
    if (row.kind === "acknowledgement" && row.entry_id !== null) {
      await recordAction(trx, {
        subject: { entryId: row.entry_id },
        action: "acknowledge",
        payload: { via: row.channel, at: new Date(at), detail: { outboxId: row.id, attempts: row.attempts } },
        actor: { kind: "system", name: "system" },
        at: new Date(at),
      });
    }
  });
}

async function recordFailure(
  handle: DatabaseHandle,
  row: OutboxRow,
  error: unknown,
  now: Date,
  refused?: string,
): Promise<void> {
  const failed = refused !== undefined || row.attempts >= MAX_ATTEMPTS;
  await withTransaction(handle, async (trx) => {
    await trx
      .updateTable("outbox")
      .set({
        ...(failed && { payload: keptPayload(row) }),
        status: failed ? "failed" : "pending",
        lease_until: null,
        // The server refused or never answered: nothing went out, so trying again is safe.
        send_started_at: null,
        last_error: refused ?? String((error as Error)?.message ?? error).slice(0, 1000),
        next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
      })
      .where("id", "=", row.id)
      .execute();
    // CH-12: a refusal for good is the officers' to see (the entry page, the outbox page) and is kept.
    if (refused !== undefined) {
      await recordAudit(trx, {
        agencyId: row.agency_id,
        actor: "system",
        action: "outbox.refused",
        ...auditSubjectOf(row),
        data: { kind: row.kind, outboxId: row.id, attempts: row.attempts, reason: refused },
        at: now.toISOString(),
      });
    }
  });
}

export interface OutboxWorker {
  /** Sends every message due now; returns how many were sent. */
  drain(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createOutboxWorker(deps: {
  handle: DatabaseHandle;
  clock: Clock;
  mail: MailSender;
  compose: ComposeMessage;
  log: (msg: string) => void;
  /** How long a claimed message is the claimer's; after that it counts as abandoned (default 2 minutes). */
  leaseMs?: number;
  /** How many messages may be in flight at once (default 4). */
  concurrency?: number;
}): OutboxWorker {
  const leaseMs = deps.leaseMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopping = false;

  // Several sends in flight: a mail server's answer takes a round trip or more, and claims are atomic.
  const concurrency = deps.concurrency ?? 4;

  async function drainOnce(): Promise<number> {
    if (!deps.mail.configured) {
      const kept = await keepUnsendable(deps.handle.db, deps.clock);
      if (kept > 0)
        deps.log(
          `outbox: ${kept} message(s) not sent: no mail server is configured (SMTP_URL); kept until one is`,
        );
      return 0;
    }
    const counts = await Promise.all(Array.from({ length: concurrency }, () => drainLane()));
    return counts.reduce((a, b) => a + b, 0);
  }

  async function drainLane(): Promise<number> {
    let sent = 0;
    for (
      let row = await claimNext(deps.handle.db, deps.clock, leaseMs);
      row;
      // Stopping: the send in hand is finished and recorded, no further row is claimed.
      row = stopping ? undefined : await claimNext(deps.handle.db, deps.clock, leaseMs)
    ) {
      let mail: OutgoingMail;
      // CH-4: a row whose recipient is not a valid address (written before addresses were checked, or
      // by a path that forgot to) is never handed to the mail server.
      const invalid = invalidRecipient(row.channel, row.recipient);
      if (invalid) {
        await recordFailure(deps.handle, row, invalid, deps.clock.now(), invalid);
        continue;
      }
      // A code that has expired is worth nothing to its reader: it is ended, not sent late.
      const expired = expiredReason(row, deps.clock.now());
      if (expired) {
        await recordFailure(deps.handle, row, expired, deps.clock.now(), expired);
        continue;
      }
      try {
        mail = await messageOf(row, deps.compose);
        await deps.handle.db
          .updateTable("outbox")
          .set({ send_started_at: deps.clock.now().toISOString() })
          .where("id", "=", row.id)
          .execute();
        await deps.mail.send(mail);
        failpoint("outbox.after-send");
      } catch (error) {
        deps.log(
          `outbox: sending ${row.kind} of ${row.entry_id ? `entry ${row.entry_id}` : row.subject_key} failed (attempt ${row.attempts}): ${String(error)}`,
        );
        await recordFailure(deps.handle, row, error, deps.clock.now(), permanentRefusal(error));
        continue;
      }
      await recordSent(deps.handle, row, mail, deps.clock.now().toISOString());
      sent++;
    }
    return sent;
  }

  const drain = () => {
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    drain,
    start(intervalMs = 1000) {
      stopping = false;
      timer = setInterval(() => {
        drain().catch((error) => deps.log(`outbox: ${String(error)}`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
