import path from "node:path";
import type { FastifyInstance } from "fastify";
import { migrations } from "../migrations/index.js";
import {
  DEMO_ADMIN,
  DEMO_AGENCY,
  DEMO_OFFICERS,
  initAgency,
  listAgencies,
  listUnits,
} from "./agencies/index.js";
import { buildApp } from "./app.js";
// #17 assistline
import { lineQuestionHandler } from "./assistant/index.js";
import { createAuditSealer } from "./audit/index.js";
import {
  computedHolidayYear,
  holidayWarningKey,
  holidayYearWarnings,
  listHolidayYears,
  loadShippedHolidays,
  toLocal,
} from "./calendar/index.js";
import { seedDemoServices } from "./catalog/index.js";
import type { Config } from "./config/index.js";
// #15 delivery
import { type DeliveryDeps, sweepDeliveries } from "./delivery/index.js";
// #17 assist2
import { seedDemoFaq } from "./faq/index.js";
import { createSmsGateway } from "./forms/index.js";
import { logChannelWarnings } from "./intake/channel-warnings.js";
import { createLineProcessor, type LineProcessor } from "./intake/line/index.js";
import { createMailIntake, type MailIntake } from "./intake/mail/index.js";
// #15 licensing
import { type LicensingDeps, seedDemoLicenceOrigin, sweepLicences } from "./licensing/index.js";
// #12 notifications
import { sweepNotifications } from "./notifications/index.js";
// #16 opendata
import { openDataLicenceOf, sweepOpenData } from "./opendata/index.js";
import { type ComposeMessage, createOutboxWorker, type OutboxWorker } from "./outbox/index.js";
// #14 payment
import { type PaymentDeps, seedDemoPaymentAccount, sweepPayments } from "./payment/index.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { openSealed, type Sealer } from "./platform/crypto/index.js";
import { type DatabaseHandle, isUniqueViolation, openDatabase } from "./platform/db/database.js";
import { migrateToLatest } from "./platform/db/migrate.js";
import { AppError } from "./platform/errors.js";
import { bilingual } from "./platform/i18n/index.js";
// #18 processes
import { newProcessIdentity, type ProcessIdentity, startHeartbeats } from "./platform/leases/index.js";
// #18 opslog
import type { ProcessLogger } from "./platform/log/process-log.js";
import { createMailSender, type MailSender } from "./platform/mail/transport.js";
// #14 signer
import { loadDocumentSigner } from "./platform/pdf/index.js";
import { loadOrCreateSecret } from "./platform/secret.js";
import type { FileStore } from "./platform/storage/file-store.js";
// #18 storage
import { cleanUpAfterCrash, openFileStore } from "./platform/storage/open-file-store.js";
// #18 threads
import { createThreadPool } from "./platform/threads/index.js";
// #13 officers-retention
import { sweepRetention } from "./privacy/index.js";
import { acknowledgementMail, importHolidaysAndRecompute, misdirectedMail } from "./register/index.js";
import { retentionPurges } from "./retention-purges.js";
// #16 satisfaction
import { ratingPostbackHandler } from "./satisfaction/index.js";
import { SEALED_COLUMNS } from "./sealed-columns.js";
import { createStaff } from "./staff/index.js";
import { startWorkers } from "./workers.js";

export interface Service {
  handle: DatabaseHandle;
  /** #13 (ID-7): seals personal data; its `index` makes the keyed hashes lookups use. */
  sealer: Sealer;
  files: FileStore;
  app: FastifyInstance;
  outbox: OutboxWorker;
  mail: MailIntake;
  line: LineProcessor;
  clock: Clock;
  /** #14 payment: what the payment room's routes and sweeps run with (tests call its sweeps directly). */
  payment: PaymentDeps;
  /** #15 licensing: what the licensing room's routes and sweeps run with (tests call its sweeps directly). */
  licensing: LicensingDeps;
  /** #15 delivery: what the delivery room's routes and sweep run with (tests call `sweepDeliveries`). */
  delivery: DeliveryDeps;
  close(): Promise<void>;
  // #18 processes: who this process is in the heartbeats and leases (for readiness and metrics)
  processIdentity: ProcessIdentity;
}

/** How the 2027 list shipped before #10 named its source (fixed-date holidays only). */
const SOLAR_ONLY_2027 = "Fixed-date (solar) holidays of 2570 only";

/**
 * First start of an empty database: the government holiday lists shipped with Borikan and the demo
 * agency, so that `npm start` serves a working e-Service at once.
 */
export async function seedIfEmpty(
  handle: DatabaseHandle,
  clock: Clock,
  log: (msg: string) => void,
): Promise<void> {
  if ((await listHolidayYears(handle.db, "TH")).length === 0) {
    // #10: next year comes computed (lunar holidays included) when the shipped list stops before it.
    const nextYear = Number(toLocal(clock.now(), "Asia/Bangkok").date.slice(0, 4)) + 1;
    await importHolidaysAndRecompute(handle, "TH", loadShippedHolidays(nextYear), {
      clock,
      actor: "system:seed",
    });
  }
  // #10: the 2570 (2027) list shipped before had no lunar holidays; a year still holding it is replaced
  // by the computed one (provisional), so that 2027's Buddhist holidays count.
  const stale = (await listHolidayYears(handle.db, "TH")).filter((y) => y.source.startsWith(SOLAR_ONLY_2027));
  if (stale.length > 0) {
    const years = stale.map((y) => computedHolidayYear(y.year));
    await importHolidaysAndRecompute(handle, "TH", years, { clock, actor: "system:seed" });
    log(
      `replaced the ${stale.map((y) => y.year).join(", ")} holiday list without lunar holidays by the computed one`,
    );
  }
  if ((await listAgencies(handle.db)).length === 0) {
    await initAgency(handle, DEMO_AGENCY, { clock, actor: "system:seed" });
    const admin = await createStaff(handle, DEMO_AGENCY.id, DEMO_ADMIN, { clock, actor: "system:seed" });
    log(`seeded the demo agency "${DEMO_AGENCY.nameEn}" (${DEMO_AGENCY.id})`);
    log(
      `demo admin: ${admin.staff.email} / ${admin.temporaryPassword} (sign in at /office/login; change it then)`,
    );
    // #12: officers to check and decide the demo applications with.
    const units = await listUnits(handle.db, DEMO_AGENCY.id);
    for (const officer of DEMO_OFFICERS) {
      const unitIds = units.filter((u) => u.code === officer.unit).map((u) => u.id);
      const { email, displayName, roles } = officer;
      const made = await createStaff(
        handle,
        DEMO_AGENCY.id,
        { email, displayName, roles: [...roles], unitIds },
        {
          clock,
          actor: "system:seed",
        },
      );
      log(`demo ${roles.join(", ")}: ${made.staff.email} / ${made.temporaryPassword}`);
    }
  }
  // #11 catalog: the demo agency's services, also for an install seeded before the catalogue existed.
  if ((await listAgencies(handle.db)).some((a) => a.id === DEMO_AGENCY.id)) {
    const published = await seedDemoServices(handle, DEMO_AGENCY.id, clock);
    if (published > 0) log(`published ${published} demo services in the catalogue of "${DEMO_AGENCY.id}"`);
    // #14 payment: a demo account (its Biller ID a test vector's), so demo notices carry a Thai QR
    if (await seedDemoPaymentAccount(handle, DEMO_AGENCY.id, clock))
      log(`set a demo payment account for "${DEMO_AGENCY.id}" (no bank knows it; no money moves)`);
  }
  for (const w of await holidayYearWarnings(handle.db, "TH", clock.now(), "Asia/Bangkok")) {
    log(`warning: ${bilingual(holidayWarningKey(w), { year: w.year, beYear: w.year + 543 })}`);
  }
}

/**
 * Seeds once however many processes start together (web and worker): one that loses the race to insert
 * the same rows retries, and then finds them there.
 */
async function seedOnce(handle: DatabaseHandle, clock: Clock, log: (msg: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await seedIfEmpty(handle, clock, log);
    } catch (error) {
      const lostRace =
        isUniqueViolation(error) || (error instanceof AppError && error.code === "STAFF_EXISTS");
      if (!lostRace || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Opens the database, migrates, seeds, and assembles the web app and the workers of the given config. */
export async function createService(
  config: Config,
  options: {
    clock?: Clock;
    mail?: MailSender;
    log?: (msg: string) => void;
    env?: NodeJS.ProcessEnv;
    // #18 opslog: who the process is, made by its runner so its log lines name it from the first one
    processIdentity?: ProcessIdentity;
    // #18 opslog: the request lines' logger (a child of the process's); none: Fastify's own, at LOG_LEVEL
    requestLogger?: ProcessLogger;
  } = {},
): Promise<Service> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((msg: string) => console.log(msg));
  // #14 signer: the agency's P12 or the demo certificate (a warning then); a bad P12 stops the start here
  const documentSigner = loadDocumentSigner({ ...config.signing, dataDir: config.dataDir }, log);
  const handle = openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db, migrations);
  // #18 threads: one pool per process for CPU work; its threads start with the first task
  const threads = createThreadPool(config.threads);
  // #13 (ID-7): personal data sealed from here on; a wrong or missing key stops the start here.
  const { sealer } = await openSealed(
    handle,
    {
      encryptionKey: config.encryptionKey,
      previousKeys: config.encryptionKeyPrevious,
      dataDir: config.dataDir,
    },
    SEALED_COLUMNS,
    clock,
  );
  await seedOnce(handle, clock, log);
  // #18 storage: a local directory or an S3-compatible bucket (STORAGE_URL)
  const files = openFileStore(config.storage, sealer);
  // What a crash left half-written in the store is removed, in the background (the store may be large).
  const cleaning = cleanUpAfterCrash(files).then(
    (n) => n > 0 && log(`removed ${n} temporary file(s) left by an earlier crash`),
    (error) => log(`temporary files: ${String(error)}`),
  );
  const mail = options.mail ?? createMailSender(config.smtpUrl, log);
  const links = { secret: loadOrCreateSecret(config.dataDir), publicUrl: config.publicUrl };
  const env = options.env ?? process.env;
  // #17 assist2: the demo agency's FAQ (IF-4), so the assistant has material on a fresh start; DEMO_FAQ=off skips it
  const demoFaq = env.DEMO_FAQ === "off" ? 0 : await seedDemoFaq(handle, clock);
  if (demoFaq > 0) log(`published ${demoFaq} demo FAQ entries for "${DEMO_AGENCY.id}"`);
  const intakeDeps = {
    handle,
    clock,
    files,
    ...links,
    maxFileBytes: config.maxFileBytes,
    // #18 screenpool: web, paper and deficiency-answer files checked and hashed off the event loop
    threads,
  };
  const line = createLineProcessor({
    ...intakeDeps,
    env,
    log,
    // #16 satisfaction: a rating's quick reply on LINE (TR-3)
    postbackHandlers: [ratingPostbackHandler({ handle, clock, secret: links.secret })],
    // #17 assistline: the FAQ assistant answers a question in an open draft, as well as registering it (IF-4)
    draftTextHandlers: [lineQuestionHandler({ handle, clock, publicUrl: config.publicUrl })],
    // #18 processes
    eventLeaseMs: config.lineEventLeaseMs,
    // #18 line: chats handled at once by this process (each chat's events in order)
    concurrency: config.lineConcurrency,
  });
  // Each kind of message is written when it is sent, from the entry as it stands then.
  const compose: ComposeMessage = (row) =>
    row.kind === "misdirected"
      ? misdirectedMail(handle.db, row.entry_id, row.recipient, links)
      : acknowledgementMail(handle.db, row.entry_id, row.recipient, {
          ...links,
          maxFileBytes: config.maxFileBytes,
        });
  // #9: a channel that is not configured is said so at start-up, never quietly taken for sent.
  await logChannelWarnings(handle.db, { mailConfigured: mail.configured, env }, log);
  const limits = {
    maxFileBytes: config.maxFileBytes,
    maxRequestBytes: config.maxRequestBytes,
    maxFiles: config.maxFiles,
  };
  // #14 payment: the room's routes and sweeps share one set of parts
  const payment: PaymentDeps = {
    handle,
    clock,
    files,
    limits,
    ...links,
    sealer,
    // #14 signer
    documentSigner,
    mailConfigured: mail.configured,
    log,
    // #18 pdfpool: e-receipts (and, through licensing's copy of these parts, licences) drawn in the pool
    threads,
  };
  // #15 licensing: the same signer; the demo agency's licences name this install's address (LC-3)
  const licensing: LicensingDeps = {
    ...payment,
    env,
    // #16 opendata: PR-4, the agency's open-data licence named in the register's description and page
    openDataLicence: (agencyId) => openDataLicenceOf(handle.db, agencyId),
  };
  // #15 delivery: the licensing room's parts, the attachment limit (DL-4) and SMS for passwords (DL-3)
  const delivery: DeliveryDeps = {
    ...licensing,
    attachMaxBytes: config.deliveryAttachMaxBytes,
    sms: createSmsGateway(config.smsGateway),
  };
  if (await seedDemoLicenceOrigin(handle, config.publicUrl, clock))
    log(`set the demo agency's licence address to ${config.publicUrl} (an agency sets its own domain)`);
  const app = await buildApp({
    intake: intakeDeps,
    line: { processor: line, env, log },
    limits,
    outbox: { compose, mailConfigured: mail.configured },
    defaultAgency: config.defaultAgency,
    logger: { level: config.logLevel },
    // #18 opslog
    loggerInstance: options.requestLogger,
    trustProxy: config.trustProxy,
    // #11 applications: one-time codes of type-1 signatures by SMS (FM-6).
    smsGateway: createSmsGateway(config.smsGateway),
    // #13 encryption: keyed hashes and sealed evidence
    sealer,
    // #13 sign-in
    thaid: config.thaid,
    // #13 officers-retention
    trafficLogDir: config.trafficLog ? path.join(config.dataDir, "traffic") : undefined,
    // #14 payment
    payment,
    // #15 licensing
    licensing,
    // #15 delivery
    delivery,
    // #18 ops
    ops: {
      role: config.role,
      heartbeatMs: config.heartbeatMs,
      access: { allowFrom: config.ops.allowFrom, token: config.ops.token },
    },
  });
  const outbox = createOutboxWorker({
    handle,
    clock,
    mail,
    log,
    leaseMs: config.outboxLeaseMs,
    compose,
  });
  // #18 processes: leases and heartbeats go by this identity
  const processIdentity = options.processIdentity ?? newProcessIdentity(config.role, new Date());
  const mailIntake = createMailIntake({
    handle,
    clock,
    files,
    secret: links.secret,
    maxFileBytes: config.maxFileBytes,
    log,
    env,
    // #18 processes: one worker per mailbox, each its share
    ownership: { owner: processIdentity.processId, leaseMs: config.leaseMs, heartbeatMs: config.heartbeatMs },
    // #18 threads
    threads,
  });
  const auditSealer = createAuditSealer({ handle, clock, headFileDir: config.auditHeadDir, log });
  const workers =
    config.role === "web"
      ? undefined
      : startWorkers({
          handle,
          files,
          outbox,
          mailIntake,
          line,
          auditSealer,
          log,
          // #12 notifications
          sweepNotifications: () => sweepNotifications({ handle, ...links, env, log }, clock.now()),
          // #13 officers-retention: the daily purge (PD-4)
          sweepRetention: () =>
            sweepRetention(
              { handle, purges: retentionPurges({ dataDir: config.dataDir, files }), log },
              clock.now(),
            ),
          // #14 payment: reminders and deadlines of notices, e-receipts signed and sent
          sweepPayments: () => sweepPayments(payment, clock.now()),
          // #15 licensing: licences issued after payment, expiries, deliveries
          sweepLicences: () => sweepLicences(licensing, clock.now()),
          // #15 delivery: issued licences delivered, their states read from the outbox
          sweepDeliveries: () => sweepDeliveries(delivery, clock.now()),
          // #16 opendata: OD-1, the daily push of the licence register to the agency's CKAN catalogue
          sweepOpenData: () => sweepOpenData(licensing, clock.now()),
          // #12: the sweeps' time and the base of their links
          clock,
          publicUrl: config.publicUrl,
          // #18 processes
          owner: processIdentity.processId,
          leaseMs: config.leaseMs,
          // #18 threads
          threads,
        });
  // #18 processes: every process beats; a worker says which mailboxes it watches and when it last swept
  const heartbeats = startHeartbeats(
    handle.db,
    processIdentity,
    config.heartbeatMs,
    () => (workers ? { mailboxes: mailIntake.watching(), sweeps: workers.sweepsRun() } : {}),
    log,
  );
  return {
    handle,
    sealer,
    files,
    app,
    payment,
    licensing,
    // #15 delivery
    delivery,
    outbox,
    mail: mailIntake,
    line,
    clock,
    // #18 processes
    processIdentity,
    async close() {
      // New requests are refused first; those in flight finish. Then the workers finish their own work.
      await app.close();
      await workers?.stop();
      await mailIntake.stop();
      await outbox.stop();
      await auditSealer.stop();
      // The web role hands LINE events to the processor as they arrive: the one in hand is finished.
      await line.stop();
      mail.close();
      // #18 threads: after everything that hands it work has stopped
      await threads.close();
      await cleaning;
      // #18 processes
      await heartbeats.stop();
      await handle.close();
    },
  };
}
