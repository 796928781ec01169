import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from "fastify";
import { agencyAdminRoutes } from "./agencies/admin.routes.js";
import { agencyResolver } from "./agencies/index.js";
// #12 approval
import { approvalRoutes } from "./approval/approval.routes.js";
import { approvalChainRoutes } from "./approval/approval-chains.routes.js";
import { approvalPanel } from "./approval/index.js";
// #17 assistline
// #17 assistant
import { assistantLinePanel, assistantRoutes } from "./assistant/index.js";
// #17 broadcasts
import { broadcastRoutes } from "./broadcasts/index.js";
import { caseworkRoutes } from "./casework/casework.routes.js";
// #12 casework
import { caseworkApiRoutes } from "./casework/casework-api.routes.js";
import type { MatterPanel } from "./casework/index.js";
import { catalogRoutes } from "./catalog/catalog.routes.js";
import { serviceDocumentRoutes } from "./catalog/documents.routes.js";
import { searchPageRoutes } from "./catalog/search-page.routes.js";
import { servicesApiRoutes } from "./catalog/services-api.routes.js";
// #12 correspondence
import { announcementsRoutes } from "./correspondence/announcements.routes.js";
import { composeRoutes } from "./correspondence/compose.routes.js";
import { lettersPanel } from "./correspondence/index.js";
import { lettersRoutes } from "./correspondence/letters.routes.js";
// #15 delivery
import { dashboardRoutes } from "./dashboards/dashboard.routes.js";
import { type DeliveryDeps, deliveryOfficeRoutes, deliveryPanel, deliveryRoutes } from "./delivery/index.js";
// #16 faq
import {
  faqOfficeRoutes,
  faqPublicRoutes,
  faqServiceSection,
  requestLogPanel,
  requestLogRoutes,
} from "./faq/index.js";
// #11 applications
import { applicationPanel } from "./forms/application-office.routes.js";
import { applicationsRoutes } from "./forms/applications.routes.js";
import type { SmsGateway } from "./forms/index.js";
// #11 forms
import { applyRoutes } from "./forms/web/apply.routes.js";
// #13 video-juristic
import { delegationRoutes } from "./identity/delegation.routes.js";
// #13 proofing
import { identityOfficeRoutes } from "./identity/identity-office.routes.js";
import { identityPageRoutes } from "./identity/identity-page.routes.js";
// #13 sign-in
// #17 subjects
import {
  type AccountSection,
  citizenSessionHook,
  createThaidClient,
  delegationPanel,
  identityPanel,
  subjectIdentity,
  type ThaidSettings,
  videoPanel,
} from "./identity/index.js";
// #13 identity
// #13 my-data
import { lineLinkRoutes } from "./identity/line-link.routes.js";
import { myDataRoutes, myRequestsSection, whoReadSection } from "./identity/my-requests.routes.js";
import { signInRoutes } from "./identity/sign-in.routes.js";
import { thaidRoutes } from "./identity/thaid.routes.js";
// #13 identity
import { videoRoutes } from "./identity/video.routes.js";
import { videoApplicantRoutes } from "./identity/video-applicant.routes.js";
import { channelWarnings } from "./intake/channel-warnings.js";
// #18 line-ack
import {
  findLineAcknowledgementStatuses,
  type LineProcessor,
  lineAnswerRoutes,
  lineChannelProblem,
  lineRoutes,
} from "./intake/line/index.js";
import { mailNotices, mailRoutes } from "./intake/mail/mail.routes.js";
import { paperRoutes } from "./intake/paper/paper.routes.js";
import type { WebIntakeDeps } from "./intake/web/index.js";
import { webIntakeRoutes } from "./intake/web/web.routes.js";
// #15 licensing
import { type LicensingDeps, licensingPanels, licensingRoutes } from "./licensing/index.js";
// #12 notifications
import { notificationsPanel } from "./notifications/index.js";
import { notificationRoutes } from "./notifications/notifications.routes.js";
// #16 opendata
import { openDataRoutes } from "./opendata/index.js";
// #18 ops
import { type OpsDeps, operationsRoutes } from "./operations/index.js";
import {
  type ComposeMessage,
  enqueueMessage,
  findMessageFailures,
  findMessageStatuses,
} from "./outbox/index.js";
import { outboxNotices, outboxRoutes } from "./outbox/outbox.routes.js";
// #14 payment
import { type PaymentDeps, paymentPanels, paymentRoutes } from "./payment/index.js";
// #17 export
import { PERSON_SECTIONS } from "./person-sections.js";
import type { Sealer } from "./platform/crypto/index.js";
import { html } from "./platform/html.js";
import { createHttpServer } from "./platform/http/http-server.js";
import type { MultipartLimits } from "./platform/http/multipart.js";
import { resolveLanguage } from "./platform/http/request-context.js";
// #13 officers-retention
import { registerTrafficLog } from "./platform/http/traffic-log.js";
import { t } from "./platform/i18n/index.js";
// #17 privacy
// #17 subjects
import {
  breachRoutes,
  processingRecordRoutes,
  subjectRequestEntryPanel,
  subjectRequestOfficeRoutes,
  subjectRequestRoutes,
} from "./privacy/index.js";
// #17 readiness
import { readinessRoutes } from "./readiness/index.js";
import { registerRoutes } from "./register/register.routes.js";
// #12 deficiency
import { deficiencyAnswerRoutes } from "./review/answer.routes.js";
// #12 review
import { reviewRoutes } from "./review/checks.routes.js";
import { deficiencyRoutes } from "./review/deficiency.routes.js";
import { deficiencyPanel, deficiencyState, reviewPanel } from "./review/index.js";
import { trustRootsRoutes } from "./review/trust-roots.routes.js";
// #16 satisfaction
import { rateRoutes, satisfactionPanel } from "./satisfaction/index.js";
// #17 status
import { serviceStatus } from "./service-status/index.js";
import { siteRoutes } from "./site/index.js";
import { staffRoutes } from "./staff/index.js";
// #16 answers
// #16 webboard
import {
  answerActsRoutes,
  answerOfficeRoutes,
  webboardModerationRoutes,
  webboardPostingRoutes,
  webboardRoutes,
  // #16 faqbench
  webboardServiceSection,
} from "./webboard/index.js";
export interface AppOptions {
  intake: WebIntakeDeps;
  /** LINE webhook (CH-10): the processor of stored events, and where channel secrets are read. */
  line: { processor: LineProcessor; env: NodeJS.ProcessEnv; log: (msg: string) => void };
  limits: MultipartLimits;
  /** #9: how outgoing mail is written, and whether a mail server is configured (else nothing is "sent"). */
  outbox: { compose: ComposeMessage; mailConfigured: boolean };
  defaultAgency?: string;
  logger?: FastifyServerOptions["logger"];
  // #18 opslog
  /** The process's own logger for the request lines (its identity on each); `logger` is then unused. */
  loggerInstance?: FastifyBaseLogger;
  /** #9: proxies whose X-Forwarded-For is believed (TRUST_PROXY); off unless configured. */
  trustProxy?: false | string[];
  /** #11 applications: where a type-1 signature's one-time codes go by SMS (FM-6); none: not available. */
  smsGateway?: SmsGateway;
  /** #13 (ID-7): seals personal data the routes store themselves, and makes keyed hashes for lookups. */
  sealer: Sealer;
  // #13 sign-in
  /** ThaiD over OpenID Connect (ID-4); none: the sign-in page says ThaiD is not set up. */
  thaid?: ThaidSettings;
  // #13 officers-retention
  /** PD-4: the folder of the web traffic log's day files; none: not written (TRAFFIC_LOG=off). */
  trafficLogDir?: string;
  // #14 payment
  /** The payment room's parts: the applicant's payment page, the finance pages, the bank's callback. */
  payment: PaymentDeps;
  // #15 licensing
  /** The licensing room's parts: licences, the verification page, the public register, deliveries. */
  licensing: LicensingDeps;
  // #15 delivery
  /** The delivery room's parts: the applicant's licence page and downloads, the officer's delivery panel. */
  delivery: DeliveryDeps;
  // #18 ops
  /** /readyz and /metrics: who may read them, the process's role, the heartbeat period; none: not served. */
  ops?: Pick<OpsDeps, "role" | "heartbeatMs" | "access">;
}

/** The HTTP application: public pages and the API, for every agency of the install. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await createHttpServer({
    limits: options.limits,
    https: options.intake.publicUrl.startsWith("https:"),
    logger: options.logger,
    // #18 opslog
    loggerInstance: options.loggerInstance,
    trustProxy: options.trustProxy,
  });
  // #18 ops: first, so that its request metrics count every route registered after it
  if (options.ops) {
    const { handle, files, clock } = options.intake;
    const checkStorage = () => files.check();
    await operationsRoutes(app, { db: handle.db, checkStorage, now: () => clock.now(), ...options.ops });
  }
  // #13 sign-in: one ThaiD client (its discovery is cached) for both route prefixes
  const thaid = options.thaid && createThaidClient(options.thaid);
  // #13 officers-retention: web traffic logs, kept 90 days (PD-4, Computer Crime Act s.26)
  if (options.trafficLogDir)
    registerTrafficLog(app, {
      dir: options.trafficLogDir,
      now: () => options.intake.clock.now(),
      tenantOf: (req) => req.agency?.id,
    });
  const resolveAgency = agencyResolver(options.intake.handle.db, options.defaultAgency);
  for (const prefix of ["", "/a/:agency"]) {
    await app.register(
      async (scope) => {
        // The language first: an unknown agency is told in the language asked for.
        scope.addHook("onRequest", resolveLanguage);
        scope.addHook("onRequest", resolveAgency);
        // #13 identity: the signed-in citizen, if any (req.citizen)
        scope.addHook("onRequest", citizenSessionHook(options.intake.handle.db, options.intake.clock));
        const { mailConfigured } = options.outbox;
        await webIntakeRoutes(scope, { deps: options.intake, limits: options.limits, mailConfigured });
        const { handle, clock, files } = options.intake;
        await staffRoutes(scope, {
          handle,
          clock,
          secureCookies: options.intake.publicUrl.startsWith("https:"),
        });
        await registerRoutes(scope, {
          handle,
          queueMessage: enqueueMessage,
          clock,
          files,
          notices: async (req) =>
            html`${await outboxNotices(handle, mailConfigured, req)}${await mailNotices(handle, clock, req)}`,
          acknowledgements: {
            mailConfigured,
            statuses: (ids) => findMessageStatuses(handle.db, ids),
            // #18 line-ack: a LINE acknowledgement a crash left uncertain shows beside the outbox's ones.
            lineStatuses: (ids) => findLineAcknowledgementStatuses(handle.db, ids),
            failures: (ids) => findMessageFailures(handle.db, ids),
          },
          limits: options.limits,
          // #11 applications: the entry page shows its application, or the act that records one.
          entryPanels: applicationPanel({ handle, clock, files }),
          // #17 assistline: what the FAQ assistant told a LINE citizen, on the entry's page (IF-4, RG-1)
          moreEntryPanels: [assistantLinePanel({ handle }), subjectRequestEntryPanel({ handle })],
        });
        // #11 applications
        await applicationsRoutes(scope, {
          intake: options.intake,
          limits: options.limits,
          senders: { email: mailConfigured, sms: options.smsGateway },
        });
        await outboxRoutes(scope, { handle, clock, compose: options.outbox.compose, mailConfigured });
        await mailRoutes(scope, { deps: options.intake, files });
        const lineDeps = { ...options.intake, env: options.line.env, log: options.line.log };
        await lineRoutes(scope, { deps: lineDeps, processor: options.line.processor });
        await lineAnswerRoutes(scope, { deps: lineDeps });
        await paperRoutes(scope, {
          handle,
          clock,
          files,
          limits: options.limits,
          // #18 screenpool: the scans checked and hashed in the process's pool, as web attachments are
          threads: options.intake.threads,
        });
        // #11 catalog: the home page (the catalogue), service pages and manuals, the admins' catalogue pages.
        await catalogRoutes(scope, {
          handle,
          clock,
          limits: options.limits,
          // #16 faq: the service's FAQ on its page
          serviceSections: [
            faqServiceSection({ db: handle.db }),
            // #16 faqbench: the service's webboard topics and "ask a question"
            webboardServiceSection(),
          ],
        });
        // #11 search: the manual and blank form as PDF, catalogue search, the read API, the site pages (WS-2)
        await serviceDocumentRoutes(scope, { db: handle.db });
        await servicesApiRoutes(scope, { db: handle.db, publicUrl: options.intake.publicUrl });
        await searchPageRoutes(scope, { db: handle.db });
        await siteRoutes(scope, { handle, clock });
        // #11 forms: applying for a service (privacy notice, form pages, check your answers, resume links)
        const { secret, publicUrl } = options.intake;
        await applyRoutes(scope, { handle, clock, secret, publicUrl });
        // #12 casework: work queues, the matter page (the other parts' panels, in order), the staff API
        const matterPanels: MatterPanel[] = [
          reviewPanel({ handle }),
          deficiencyPanel({ handle, clock }),
          approvalPanel({ db: handle.db, clock }),
          lettersPanel({ handle }),
          notificationsPanel({ db: handle.db }),
          // #13 video-juristic: identity calls (ID-3) and juristic persons' delegations (FM-5)
          videoPanel({ db: handle.db }),
          delegationPanel({ db: handle.db, sealer: options.sealer, clock }),
          // #13 proofing: the assurance needed and reached, "require identity", evidence checks (ID-1, ID-6)
          identityPanel({ handle, clock }),
          // #14 payment: notices, slips and e-receipts of the matter
          ...paymentPanels(options.payment),
          // #15 licensing: the matter's licence, its issuing and delivery
          ...licensingPanels(options.licensing),
          // #15 delivery: where the licence went, and "send again"
          deliveryPanel(options.delivery),
          // #16 satisfaction: the applicant's rating (TR-3)
          satisfactionPanel({ db: handle.db }),
          // #16 faq: "log as a question" (RG-2)
          requestLogPanel({ db: handle.db }),
        ];
        await caseworkRoutes(scope, { handle, clock, matterPanels });
        await caseworkApiRoutes(scope, { handle, clock });
        // #12 approval: chains per service, decisions and the paper path (AP-1, RG-6); no refusal as
        // incomplete once the deficiency record is fulfilled (LF-3).
        await approvalRoutes(scope, {
          handle,
          clock,
          files,
          limits: options.limits,
          deficiencyState,
          // #18 pdfpool: the approval sheet drawn in the process's pool (the one intake's files use)
          threads: options.intake.threads,
        });
        await approvalChainRoutes(scope, { handle, clock });
        await agencyAdminRoutes(scope, {
          handle,
          clock,
          limits: options.limits,
          channelWarnings: async (req) =>
            (await channelWarnings(handle.db, req.agency, { mailConfigured, env: options.line.env })).map(
              (w) => t(req.lang, w.key, w.params),
            ),
        });
        // #12 deficiency: the officers' deficiency acts and the applicant's answer page (RV-2, RV-3, LF-2..4)
        await deficiencyRoutes(scope, { handle, clock });
        await deficiencyAnswerRoutes(scope, { deps: options.intake, limits: options.limits });
        // #12 notifications: the admin's notification texts (the matter page's panel: notificationsPanel)
        await notificationRoutes(scope, { handle, clock });
        // #12 correspondence: the outgoing register, letters (PDF, compose, send), an applicant's letters
        await lettersRoutes(scope, { handle, clock, secret });
        await composeRoutes(scope, { handle, clock });
        await announcementsRoutes(scope, {
          handle,
          clock,
          publicUrl,
          lineConnected: async (req) =>
            (await lineChannelProblem(handle.db, req.agency.id, options.line.env)) === undefined,
        });
        // #12 review: an application's checks against the manual, the trusted roots for PDF signatures
        await reviewRoutes(scope, { handle, clock, files });
        await trustRootsRoutes(scope, { handle, clock, limits: options.limits });
        // #13 video-juristic: identity calls (officer and applicant) and delegations (ID-3, PD-7, FM-5)
        await videoRoutes(scope, { handle, clock, files, sealer: options.sealer, limits: options.limits });
        await videoApplicantRoutes(scope, { handle, clock, secret });
        await delegationRoutes(scope, { handle, clock, sealer: options.sealer });
        // #13 sign-in: codes by email / SMS, ThaiD, the account page and its sections (other parts add theirs)
        const myData = { handle, clock, secret };
        const accountSections: AccountSection[] = [myRequestsSection(myData), whoReadSection(myData)];
        const secureCookies = options.intake.publicUrl.startsWith("https:");
        await signInRoutes(scope, {
          handle,
          clock,
          sealer: options.sealer,
          channels: { mailConfigured, sms: options.smsGateway },
          thaid,
          secureCookies,
          accountSections,
        });
        await thaidRoutes(scope, { handle, clock, sealer: options.sealer, thaid, secureCookies });
        // #13 proofing: the applicant's identity page (ThaiD, evidence, certificate) and the officer's acts
        await identityPageRoutes(scope, {
          handle,
          clock,
          files,
          secret,
          limits: options.limits,
          sms: options.smsGateway,
          thaidConfigured: thaid !== undefined,
        });
        await identityOfficeRoutes(scope, { handle, clock, files });
        // #13 my-data: my requests, who read my data, the LINE link (PD-6). The account page's sections
        // are myRequestsSection(myData) and whoReadSection(myData) from the same file.
        await myDataRoutes(scope, myData);
        await lineLinkRoutes(scope, myData);
        // #14 payment: notices, slips, statements, the bank's callback, e-receipts, the finance pages
        await paymentRoutes(scope, options.payment);
        // #15 licensing: licences (office), the applicant's licence, verification, the public register
        await licensingRoutes(scope, options.licensing);
        // #15 delivery: the applicant's licence page and downloads, signed links, "send again"
        await deliveryRoutes(scope, options.delivery);
        await deliveryOfficeRoutes(scope, options.delivery);
        // #16 opendata: the open-data settings page (licence, CKAN catalogue, push now)
        await openDataRoutes(scope, options.licensing);
        // #16 answers: the officers' webboard answers — queues, drafting, approval, promotion to the FAQ
        await answerOfficeRoutes(scope, { handle, clock, publicUrl });
        await answerActsRoutes(scope, { handle, clock, publicUrl });
        // #16 webboard: the public webboard, posting by signed-in citizens (WB-2), moderation
        const webboard = { handle, clock, secret, publicUrl };
        await webboardRoutes(scope, webboard);
        await webboardPostingRoutes(scope, webboard);
        await webboardModerationRoutes(scope, webboard);
        // #16 satisfaction: the rating page of a closed matter's link (TR-3)
        await rateRoutes(scope, { handle, clock, secret });
        // #16 dashboards: the supervisors' and head of agency's figures, charts and CSV
        await dashboardRoutes(scope, { handle, clock });
        // #16 faq: the request log (RG-2), the public FAQ and its office page (IF-4)
        await requestLogRoutes(scope, { handle, clock });
        await faqPublicRoutes(scope, { db: handle.db });
        await faqOfficeRoutes(scope, { handle, clock });
        // #17 privacy: the record of processing (PD-2) and the breach register (PD-5)
        await processingRecordRoutes(scope, { handle, clock });
        await breachRoutes(scope, { handle, clock });
        // #17 broadcasts: LINE broadcasts, approved by a supervisor before they can be sent (CH-10)
        await broadcastRoutes(scope, { handle, clock, env: options.line.env });
        // #17 readiness: the self-assessment (RD-1, RD-2), ticked from this install's live configuration
        await readinessRoutes(scope, {
          handle,
          clock,
          config: {
            env: options.line.env,
            mailConfigured,
            smsConfigured: options.smsGateway !== undefined,
            thaidConfigured: options.thaid !== undefined,
            signerConfigured: options.licensing.documentSigner !== undefined,
          },
        });
        // #17 assistant: the public FAQ assistant (IF-4), a link to it on every public page
        await assistantRoutes(scope, { db: handle.db });
        // #17 subjects: data-subject requests, the citizen's and the office's pages (PD-3)
        const subjects = {
          handle,
          clock,
          files: options.intake.files,
          identity: subjectIdentity,
          // #17 export: the other rooms' person reads the data-subject export gathers (PD-3)
          personSections: PERSON_SECTIONS,
        };
        await subjectRequestRoutes(scope, subjects);
        await subjectRequestOfficeRoutes(scope, subjects);
        // #17 status (WS-4): the banner, the Service-Status header, /status.json, the admin page; last in the scope, as its hooks read the agency and language set before
        await serviceStatus(scope, { handle, clock });
      },
      { prefix },
    );
  }
  return app;
}
