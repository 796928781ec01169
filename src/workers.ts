// #12 approval
import { sweepDelayNotices } from "./approval/index.js";
import type { AuditSealer } from "./audit/index.js";
// #12 casework
import { sweepEscalations } from "./casework/index.js";
import type { LineProcessor } from "./intake/line/index.js";
import type { MailIntake } from "./intake/mail/index.js";
import { convertPendingPhotos } from "./intake/web/index.js";
import type { OutboxWorker } from "./outbox/index.js";
import type { Clock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
// #18 processes
import { releaseLease, runKeepingLease } from "./platform/leases/index.js";
import type { FileStore } from "./platform/storage/file-store.js";
// #18 threads
import type { ThreadPool } from "./platform/threads/index.js";
// #12 deficiency
import { sweepAbandonProposals, sweepDeficiencyAnswers, sweepLapsedDeficiencies } from "./review/index.js";
// #16 webboard
import { purgePostCounters } from "./webboard/index.js";

/** The background work of ROLE=worker (and `all`), started together and stopped together. */
export interface Workers {
  /**
   * Stops taking new work and waits for the work in flight: sends handed to the mail server, a mailbox
   * pass, the LINE event being handled, a photo conversion. Then seals what they wrote to the audit trail.
   */
  stop(): Promise<void>;
  // #18 processes: when each sweep last ran in this process (for its heartbeat)
  sweepsRun(): Record<string, string>;
}

export function startWorkers(parts: {
  handle: DatabaseHandle;
  files: FileStore;
  outbox: OutboxWorker;
  mailIntake: MailIntake;
  line: LineProcessor;
  auditSealer: AuditSealer;
  log: (msg: string) => void;
  // #12 notifications: the applicant told of each change of their matter (TR-2)
  sweepNotifications?: () => Promise<unknown>;
  // #13 officers-retention: the daily retention purge (PD-4); claimed once a day per agency
  sweepRetention?: () => Promise<unknown>;
  // #14 payment: the payment room's sweeps (notice deadlines, e-receipts)
  sweepPayments?: () => Promise<unknown>;
  // #15 licensing: the licensing room's sweeps (automatic issuance, expiries, deliveries)
  sweepLicences?: () => Promise<unknown>;
  // #15 delivery: licences delivered on the applicant's channel (DL-1..4)
  sweepDeliveries?: () => Promise<unknown>;
  // #16 opendata: the daily push of the licence register to a CKAN catalogue (OD-1)
  sweepOpenData?: () => Promise<unknown>;
  /** #12: the time the sweeps go by, and the base of links in the mail they send. */
  clock: Clock;
  publicUrl: string;
  // #18 processes: each sweep and the sealer run in one process at a time, under the lease `sweep:<name>`
  // held by `owner` (the process identity); another takes it over `leaseMs` after that one stops renewing.
  owner: string;
  leaseMs: number;
  // #18 threads: photos are converted on this process's pool
  threads?: ThreadPool;
}): Workers {
  const { handle, files, outbox, mailIntake, line, auditSealer, log, clock, publicUrl } = parts;
  outbox.start(1000);
  // #18 processes
  const sweepsRun: Record<string, string> = {};
  const leased = <T>(name: string, work: () => Promise<T> | undefined): Promise<T | undefined> =>
    runKeepingLease(handle.db, { name: `sweep:${name}`, owner: parts.owner, ms: parts.leaseMs }, async () => {
      sweepsRun[name] = new Date().toISOString();
      return work();
    });
  // #18 processes: one sealer at a time (the head row already keeps two from forking the chain), so the
  // day's head file is written by one process, on one machine, while it lives.
  const sealTimer = setInterval(() => {
    leased("audit-seal", () => auditSealer.sealNow()).catch((error) => log(`audit sealer: ${String(error)}`));
  }, 5000);
  sealTimer.unref();
  mailIntake.start();
  let sweeping: Promise<unknown> | undefined;
  // #13 officers-retention: looked at hourly; the day's claim makes it run once a day whatever the workers
  let retentionAt = 0;
  // The timers are unref'd: what keeps a worker process alive is its runner (run-service.ts), not them.
  const timer = setInterval(() => {
    if (sweeping) return;
    // #13 officers-retention
    const retentionDue = Date.now() - retentionAt >= 3_600_000;
    if (retentionDue) retentionAt = Date.now();
    sweeping = Promise.all([
      leased("photos", () => convertPendingPhotos(handle, files, log, undefined, parts.threads)).catch(
        (error) => log(`photos: ${String(error)}`),
      ),
      // LINE events left by a failure or a restart are taken up again; quiet drafts are submitted.
      leased("line", () => line.sweep()).catch((error) => log(`line: ${String(error)}`)),
      // #12 deficiency: answers by mail or LINE resubmit first, then lapsed records return (LF-4); RV-3's proposals
      leased("deficiency", () =>
        sweepDeficiencyAnswers({ handle, log }, clock.now())
          .then(() => sweepLapsedDeficiencies({ handle, log }, clock.now()))
          .then(() => sweepAbandonProposals({ handle, log }, clock.now())),
      ).catch((error) => log(`deficiency: ${String(error)}`)),
      // #12 notifications
      leased("notifications", () => parts.sweepNotifications?.()).catch((error) =>
        log(`notifications: ${String(error)}`),
      ),
      // #12 casework: overdue matters escalated to their unit's supervisors, once each (RV-6).
      leased("escalations", () => sweepEscalations({ handle, publicUrl, log }, clock.now())).catch((error) =>
        log(`escalations: ${String(error)}`),
      ),
      // #13 officers-retention
      retentionDue
        ? leased("retention", () => parts.sweepRetention?.()).catch((error) =>
            log(`retention: ${String(error)}`),
          )
        : undefined,
      // #14 payment
      leased("payments", () => parts.sweepPayments?.()).catch((error) => log(`payment: ${String(error)}`)),
      // #15 licensing
      leased("licensing", () => parts.sweepLicences?.()).catch((error) => log(`licensing: ${String(error)}`)),
      // #15 delivery
      leased("delivery", () => parts.sweepDeliveries?.()).catch((error) => log(`delivery: ${String(error)}`)),
      // #16 opendata
      leased("open-data", () => parts.sweepOpenData?.()).catch((error) => log(`open data: ${String(error)}`)),
      // #16 webboard: the flood counters of past hours (they hold hashed addresses: kept no longer than needed)
      retentionDue
        ? leased("webboard", () => purgePostCounters(handle.db, clock.now())).catch((error) =>
            log(`webboard: ${String(error)}`),
          )
        : undefined,
      // #12 approval: LF-5 delay notices every 7 calendar days past the manual's time
      leased("delay-notices", () => sweepDelayNotices({ handle, log }, clock.now())).catch((error) =>
        log(`delay notices: ${String(error)}`),
      ),
    ]).finally(() => {
      sweeping = undefined;
    });
  }, 5000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // #18 processes
      clearInterval(sealTimer);
      await Promise.all([mailIntake.stop(), outbox.stop(), line.stop(), sweeping]);
      await auditSealer.stop();
      await auditSealer.sealNow().catch((error) => log(`audit sealer: ${String(error)}`));
      // #18 processes: a clean stop hands its sweeps over at once (only leases still its own are removed)
      await Promise.all(
        Object.keys(sweepsRun).map((name) =>
          releaseLease(handle.db, `sweep:${name}`, parts.owner).catch(() => undefined),
        ),
      );
    },
    // #18 processes
    sweepsRun: () => ({ ...sweepsRun }),
  };
}
