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
  // #18 threads: photos are converted on this process's pool
  threads?: ThreadPool;
}): Workers {
  const { handle, files, outbox, mailIntake, line, auditSealer, log, clock, publicUrl } = parts;
  outbox.start(1000);
  auditSealer.start(5000);
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
      convertPendingPhotos(handle, files, log, undefined, parts.threads).catch((error) =>
        log(`photos: ${String(error)}`),
      ),
      // LINE events left by a failure or a restart are taken up again; quiet drafts are submitted.
      line.sweep().catch((error) => log(`line: ${String(error)}`)),
      // #12 deficiency: answers by mail or LINE resubmit first, then lapsed records return (LF-4); RV-3's proposals
      sweepDeficiencyAnswers({ handle, log }, clock.now())
        .then(() => sweepLapsedDeficiencies({ handle, log }, clock.now()))
        .then(() => sweepAbandonProposals({ handle, log }, clock.now()))
        .catch((error) => log(`deficiency: ${String(error)}`)),
      // #12 notifications
      parts.sweepNotifications?.().catch((error) => log(`notifications: ${String(error)}`)),
      // #12 casework: overdue matters escalated to their unit's supervisors, once each (RV-6).
      sweepEscalations({ handle, publicUrl, log }, clock.now()).catch((error) =>
        log(`escalations: ${String(error)}`),
      ),
      // #13 officers-retention
      retentionDue
        ? parts.sweepRetention?.().catch((error) => log(`retention: ${String(error)}`))
        : undefined,
      // #14 payment
      parts.sweepPayments?.().catch((error) => log(`payment: ${String(error)}`)),
      // #15 licensing
      parts.sweepLicences?.().catch((error) => log(`licensing: ${String(error)}`)),
      // #15 delivery
      parts.sweepDeliveries?.().catch((error) => log(`delivery: ${String(error)}`)),
      // #16 opendata
      parts.sweepOpenData?.().catch((error) => log(`open data: ${String(error)}`)),
      // #16 webboard: the flood counters of past hours (they hold hashed addresses: kept no longer than needed)
      retentionDue
        ? purgePostCounters(handle.db, clock.now()).catch((error) => log(`webboard: ${String(error)}`))
        : undefined,
      // #12 approval: LF-5 delay notices every 7 calendar days past the manual's time
      sweepDelayNotices({ handle, log }, clock.now()).catch((error) =>
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
      await Promise.all([mailIntake.stop(), outbox.stop(), line.stop(), sweeping]);
      await auditSealer.stop();
      await auditSealer.sealNow().catch((error) => log(`audit sealer: ${String(error)}`));
    },
  };
}
