// #12 approval
import { sweepDelayNotices } from "./approval/index.js";
import type { AuditSealer } from "./audit/index.js";
import type { LineProcessor } from "./intake/line/index.js";
import type { MailIntake } from "./intake/mail/index.js";
import { convertPendingPhotos } from "./intake/web/index.js";
import type { OutboxWorker } from "./outbox/index.js";
import type { Clock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
import type { FileStore } from "./platform/storage/file-store.js";

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
  /** #12: the periodic sweeps' notion of now (tests drive the sweeps themselves). */
  clock?: Clock;
}): Workers {
  const { handle, files, outbox, mailIntake, line, auditSealer, log } = parts;
  const now = () => parts.clock?.now() ?? new Date();
  outbox.start(1000);
  auditSealer.start(5000);
  mailIntake.start();
  let sweeping: Promise<unknown> | undefined;
  // The timers are unref'd: what keeps a worker process alive is its runner (run-service.ts), not them.
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = Promise.all([
      convertPendingPhotos(handle, files, log).catch((error) => log(`photos: ${String(error)}`)),
      // LINE events left by a failure or a restart are taken up again; quiet drafts are submitted.
      line.sweep().catch((error) => log(`line: ${String(error)}`)),
      // #12 approval: LF-5 delay notices every 7 calendar days past the manual's time
      sweepDelayNotices({ handle, log }, now()).catch((error) => log(`delay notices: ${String(error)}`)),
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
