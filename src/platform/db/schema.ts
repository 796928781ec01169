import type { AgenciesTable, ReferralAgenciesTable, UnitsTable } from "../../agencies/agencies.table.js";
import type { ApprovalChainsTable, ApprovalDecisionsTable } from "../../approval/approval.table.js";
// #17 assistline
import type { AssistantLinePaceTable, AssistantRepliesTable } from "../../assistant/line-replies.table.js";
import type { AuditEventsTable } from "../../audit/audit.table.js";
// #17 broadcasts
import type { BroadcastEventsTable, BroadcastsTable } from "../../broadcasts/broadcasts.table.js";
import type { HolidaysTable, HolidayYearsTable } from "../../calendar/holidays.table.js";
import type { ServicesTable, ServiceVersionsTable } from "../../catalog/catalog.table.js";
import type { ServiceSearchNamesTable, ServiceSearchTermsTable } from "../../catalog/search.table.js";
import type {
  AnnouncementsTable,
  OutgoingCountersTable,
  OutgoingLettersTable,
} from "../../correspondence/correspondence.table.js";
// #15 delivery
import type { LicenceDeliveriesTable } from "../../delivery/deliveries.table.js";
// #16 core
import type { FaqEntriesTable, FaqSearchTermsTable, RequestLogTable } from "../../faq/faq.table.js";
import type {
  ApplicationDocumentsTable,
  ApplicationDraftsTable,
  ApplicationsTable,
  SignatureChallengesTable,
} from "../../forms/forms.table.js";
// #13 video-juristic
import type { DelegationsTable } from "../../identity/delegations.table.js";
// #13 identity
import type {
  CitizenAccountsTable,
  CitizenSessionsTable,
  IdentityProofsTable,
  MatterAssuranceTable,
  SignInsTable,
} from "../../identity/identity.table.js";
// #13 my-data
import type { LineLinkTokensTable } from "../../identity/line-link.table.js";
// #13 proofing
import type { PhoneProofCodesTable } from "../../identity/proofing.table.js";
// #13 sign-in
import type {
  CitizenSignInLimitsTable,
  OidcRequestsTable,
  SignInCodesTable,
} from "../../identity/sign-in.table.js";
import type { VideoAppointmentsTable } from "../../identity/video-calls.table.js";
import type {
  LineChannelsTable,
  LineDeliveriesTable,
  LineDraftItemsTable,
  LineDraftsTable,
  LineEventsTable,
  LineGroupRefusalsTable,
  LineRepliesTable,
} from "../../intake/line/line.table.js";
import type { MailboxesTable, MailMessagesTable, MailMovesTable } from "../../intake/mail/mail.table.js";
// #16 backfill
import type {
  LicenceImportMappingsTable,
  LicenceImportUploadsTable,
} from "../../licensing/backfill.table.js";
// #15 lifecycle
import type { LicenceExpiryRunsTable } from "../../licensing/licence-expiry-runs.table.js";
// #15 issuance
import type { LicenceIssueFailuresTable } from "../../licensing/licence-issue-failures.table.js";
// #15 register
import type { LicenceSearchTermsTable } from "../../licensing/licence-search.table.js";
// #15 licensing
import type {
  LicenceCountersTable,
  LicenceEventsTable,
  LicencesTable,
} from "../../licensing/licensing.table.js";
// #12 notifications
import type {
  NotificationCursorTable,
  NotificationsTable,
  NotificationTemplatesTable,
} from "../../notifications/notifications.table.js";
// #16 opendata
import type { OpenDataPushesTable, OpenDataSettingsTable } from "../../opendata/opendata.table.js";
import type { OutboxTable } from "../../outbox/outbox.table.js";
// #14 callback
import type { BankNotificationsTable } from "../../payment/bank-notifications.table.js";
/** The whole database as Kysely sees it; each table's type lives beside the capability that owns it. */
import type {
  EReceiptsTable,
  PaymentAccountsTable,
  PaymentCountersTable,
  PaymentNoticesTable,
  PaymentsTable,
} from "../../payment/payment.table.js";
// #14 receipts
import type { EReceiptAttemptsTable, ReceiptCorrectionsTable } from "../../payment/receipts.table.js";
// #14 slips
import type { FinanceDailyChecksTable, PaymentSlipsTable } from "../../payment/slips.table.js";
// #14 statements
import type {
  BankStatementsTable,
  StatementLinesTable,
  StatementMappingsTable,
} from "../../payment/statements.table.js";
// #17 privacy
import type {
  PrivacyBreachEventsTable,
  PrivacyBreachesTable,
  PrivacyBreachNoticesTable,
  PrivacyOfficersTable,
} from "../../privacy/breach.table.js";
// #13 my-data
import type { DataReadsTable } from "../../privacy/privacy.table.js";
// #13 officers-retention
import type { RetentionPeriodsTable, RetentionRunsTable } from "../../privacy/retention.table.js";
// #17 subjects
import type {
  DataSubjectRequestEventsTable,
  DataSubjectRequestsTable,
} from "../../privacy/subject-requests.table.js";
// #17 readiness
import type { ReadinessAssessmentsTable } from "../../readiness/readiness.table.js";
import type {
  AttachmentsTable,
  EntriesTable,
  MatterActionsTable,
  MatterPausesTable,
  MattersTable,
  ReceiptCountersTable,
  RegisterChecksTable,
} from "../../register/register.table.js";
import type { ReviewChecksTable } from "../../review/checks.table.js";
import type { ContactAttemptsTable, DeficiencyRecordsTable } from "../../review/deficiency.table.js";
import type { SignatureTrustRootsTable } from "../../review/trust-roots.table.js";
import type { SatisfactionRatingsTable } from "../../satisfaction/satisfaction.table.js";
// #17 status
import type { ServiceNoticesTable } from "../../service-status/service-notices.table.js";
import type { SitePagesTable } from "../../site/site.table.js";
import type { SignInLimitsTable, StaffSessionsTable, StaffTable } from "../../staff/staff.table.js";
// #16 answers
import type { WebboardAnswerEventsTable } from "../../webboard/answer-events.table.js";
import type {
  WebboardAnswersTable,
  WebboardPostsTable,
  WebboardReportsTable,
  WebboardSearchTermsTable,
  WebboardTopicsTable,
} from "../../webboard/webboard.table.js";
// #16 webboard
import type { WebboardPostCountersTable } from "../../webboard/webboard-limits.table.js";
// #18 shared
import type { CacheVersionsTable } from "../cache-versions/cache-versions.table.js";
// #13 encryption
import type { DataKeysTable } from "../crypto/data-keys.table.js";
import type { LeasesTable, WorkerHeartbeatsTable } from "../leases/leases.table.js";
export interface Database {
  agencies: AgenciesTable;
  units: UnitsTable;
  holiday_years: HolidayYearsTable;
  holidays: HolidaysTable;
  receipt_counters: ReceiptCountersTable;
  matters: MattersTable;
  entries: EntriesTable;
  attachments: AttachmentsTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  sign_in_limits: SignInLimitsTable;
  register_checks: RegisterChecksTable;
  mailboxes: MailboxesTable;
  mail_messages: MailMessagesTable;
  mail_moves: MailMovesTable;
  referral_agencies: ReferralAgenciesTable;
  line_channels: LineChannelsTable;
  line_deliveries: LineDeliveriesTable;
  line_events: LineEventsTable;
  line_drafts: LineDraftsTable;
  line_draft_items: LineDraftItemsTable;
  line_replies: LineRepliesTable;
  line_group_refusals: LineGroupRefusalsTable;
  services: ServicesTable;
  service_versions: ServiceVersionsTable;
  application_drafts: ApplicationDraftsTable;
  applications: ApplicationsTable;
  application_documents: ApplicationDocumentsTable;
  signature_challenges: SignatureChallengesTable;
  // #11 search
  service_search_terms: ServiceSearchTermsTable;
  service_search_names: ServiceSearchNamesTable;
  site_pages: SitePagesTable;
  // #12 casework
  matter_actions: MatterActionsTable;
  matter_pauses: MatterPausesTable;
  outgoing_counters: OutgoingCountersTable;
  outgoing_letters: OutgoingLettersTable;
  // #12 deficiency
  deficiency_records: DeficiencyRecordsTable;
  contact_attempts: ContactAttemptsTable;
  // #12 notifications
  notifications: NotificationsTable;
  notification_cursor: NotificationCursorTable;
  notification_templates: NotificationTemplatesTable;
  // #12 correspondence
  announcements: AnnouncementsTable;
  // #12 approval
  approval_chains: ApprovalChainsTable;
  approval_decisions: ApprovalDecisionsTable;
  // #12 review
  review_checks: ReviewChecksTable;
  signature_trust_roots: SignatureTrustRootsTable;
  // #13 encryption
  data_keys: DataKeysTable;
  // #13 identity
  citizen_accounts: CitizenAccountsTable;
  sign_ins: SignInsTable;
  citizen_sessions: CitizenSessionsTable;
  identity_proofs: IdentityProofsTable;
  matter_assurance: MatterAssuranceTable;
  // #13 video-juristic
  video_appointments: VideoAppointmentsTable;
  delegations: DelegationsTable;
  // #13 sign-in
  sign_in_codes: SignInCodesTable;
  oidc_requests: OidcRequestsTable;
  citizen_sign_in_limits: CitizenSignInLimitsTable;
  // #13 proofing
  phone_proof_codes: PhoneProofCodesTable;
  // #13 my-data
  data_reads: DataReadsTable;
  line_link_tokens: LineLinkTokensTable;
  // #13 officers-retention
  retention_runs: RetentionRunsTable;
  retention_periods: RetentionPeriodsTable;
  // #14 payment
  payment_accounts: PaymentAccountsTable;
  payment_notices: PaymentNoticesTable;
  payments: PaymentsTable;
  e_receipts: EReceiptsTable;
  payment_counters: PaymentCountersTable;
  // #14 callback
  bank_notifications: BankNotificationsTable;
  // #14 statements
  statement_mappings: StatementMappingsTable;
  bank_statements: BankStatementsTable;
  statement_lines: StatementLinesTable;
  // #14 receipts
  e_receipt_attempts: EReceiptAttemptsTable;
  receipt_corrections: ReceiptCorrectionsTable;
  // #14 slips
  payment_slips: PaymentSlipsTable;
  finance_daily_checks: FinanceDailyChecksTable;
  // #15 licensing
  licences: LicencesTable;
  licence_counters: LicenceCountersTable;
  licence_events: LicenceEventsTable;
  // #15 issuance
  licence_issue_failures: LicenceIssueFailuresTable;
  // #15 lifecycle
  licence_expiry_runs: LicenceExpiryRunsTable;
  // #15 register
  licence_search_terms: LicenceSearchTermsTable;
  // #15 delivery
  licence_deliveries: LicenceDeliveriesTable;
  // #16 core
  webboard_topics: WebboardTopicsTable;
  webboard_posts: WebboardPostsTable;
  webboard_answers: WebboardAnswersTable;
  webboard_reports: WebboardReportsTable;
  webboard_search_terms: WebboardSearchTermsTable;
  faq_entries: FaqEntriesTable;
  faq_search_terms: FaqSearchTermsTable;
  request_log: RequestLogTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  // #16 opendata
  open_data_settings: OpenDataSettingsTable;
  open_data_pushes: OpenDataPushesTable;
  // #16 answers
  webboard_answer_events: WebboardAnswerEventsTable;
  // #16 webboard
  webboard_post_counters: WebboardPostCountersTable;
  // #16 backfill
  licence_import_mappings: LicenceImportMappingsTable;
  licence_import_uploads: LicenceImportUploadsTable;
  // #17 assistline
  assistant_replies: AssistantRepliesTable;
  assistant_line_pace: AssistantLinePaceTable;
  // #17 privacy
  privacy_breaches: PrivacyBreachesTable;
  privacy_breach_events: PrivacyBreachEventsTable;
  privacy_breach_notices: PrivacyBreachNoticesTable;
  privacy_officers: PrivacyOfficersTable;
  // #17 status
  service_notices: ServiceNoticesTable;
  // #17 broadcasts
  broadcasts: BroadcastsTable;
  broadcast_events: BroadcastEventsTable;
  // #17 readiness
  readiness_assessments: ReadinessAssessmentsTable;
  // #17 subjects
  data_subject_requests: DataSubjectRequestsTable;
  data_subject_request_events: DataSubjectRequestEventsTable;
  // #18 groundwork
  leases: LeasesTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  // #18 shared
  cache_versions: CacheVersionsTable;
}
