import type { Migration } from "kysely";
import * as createSpineTables from "./20261122000000_create-spine-tables.js";
import * as chainAuditEvents from "./20261122100000_chain-audit-events.js";
import * as createBackOfficeTables from "./20261122100100_create-back-office-tables.js";
import * as createMailIntakeTables from "./20261122200000_create-mail-intake-tables.js";
import * as createLineIntakeTables from "./20261122300000_create-line-intake-tables.js";
import * as createLineReplies from "./20261122300100_create-line-replies.js";
import * as lineEventLeases from "./20261122300200_line-event-leases.js";
import * as signInLimits from "./20261205100000_sign-in-limits.js";
import * as acknowledgementsGivenAnotherWay from "./20261205500000_acknowledgements-given-another-way.js";
import * as lineHardening from "./20261205600000_line-hardening.js";
import * as holidaySources from "./20261206100000_holiday-sources.js";
import * as mailAddressesAndWithheldAcknowledgements from "./20261206400000_mail-addresses-and-withheld-acknowledgements.js";
import * as mailKeptAndMailboxStarted from "./20261206600000_mail-kept-and-mailbox-started.js";
import * as catalogAndForms from "./20261207000000_catalog-and-forms.js";
import * as outboxMessagesWithoutEntry from "./20261207050000_outbox-messages-without-entry.js";
import * as serviceSearchTerms from "./20261207200000_service-search-terms.js";
import * as sitePages from "./20261207200100_site-pages.js";
import * as caseworkCore from "./20261208000000_casework-core.js";
// #12 casework
import * as caseworkQueues from "./20261208100000_casework-queues.js";
// #12 review
import * as reviewChecks from "./20261208200000_review-checks.js";
// #12 deficiency
import * as deficiencyRecords from "./20261208300000_deficiency-records.js";
// #12 approval
import * as approval from "./20261208400000_approval.js";
// #12 correspondence
import * as lettersAndAnnouncements from "./20261208500000_letters-and-announcements.js";
// #12 notifications
import * as notifications from "./20261208600000_notifications.js";
// #13 encryption
import * as dataKeys from "./20261209000000_data-keys.js";
// #13 identity
import * as identityCore from "./20261209100000_identity-core.js";
// #13 sealing
import * as sealedLookupKeys from "./20261209200000_sealed-lookup-keys.js";
// #13 sign-in
import * as citizenSignIn from "./20261209300000_citizen-sign-in.js";
// #13 my-data
import * as myData from "./20261209400000_my-data.js";
// #13 proofing
import * as proofing from "./20261209500000_proofing.js";
// #13 video-juristic
import * as videoCallsAndDelegations from "./20261209600000_video-calls-and-delegations.js";
// #13 officers-retention
import * as officersRetention from "./20261209700000_officers-retention.js";
// #13 retention
import * as outboxPayloadPurged from "./20261209800000_outbox-payload-purged.js";
// #14 payment
import * as paymentCore from "./20261210000000_payment-core.js";
// #14 callback
import * as bankNotifications from "./20261210400000_bank-notifications.js";
// #14 statements
import * as bankStatements from "./20261210500000_bank-statements.js";
// #14 slips
import * as paymentSlips from "./20261210600000_payment-slips.js";
// #14 receipts
import * as eReceipts from "./20261210700000_e-receipts.js";
import * as licensingCore from "./20261211000000_licensing-core.js";
// #15 issuance
import * as licenceIssueFailures from "./20261211200000_licence-issue-failures.js";
// #15 lifecycle
import * as licenceExpiryRuns from "./20261211300000_licence-expiry-runs.js";
// #15 delivery
import * as licenceDeliveries from "./20261211400000_licence-deliveries.js";
// #15 register
import * as licenceRegister from "./20261211600000_licence-register.js";
// #16 core
import * as openChannelsCore from "./20261212000000_open-channels-core.js";
// #16 webboard
import * as webboardPostLimits from "./20261212001000_webboard-post-limits.js";
// #16 answers
import * as webboardAnswerEvents from "./20261212002000_webboard-answer-events.js";
// #16 faq
import * as requestLogKeys from "./20261212003000_request-log-keys.js";
// #16 dashboards
import * as dashboardFigures from "./20261212005000_dashboard-figures.js";
// #16 opendata
import * as openData from "./20261212006000_open-data.js";
// #16 backfill
import * as licenceImportMappings from "./20261212007000_licence-import-mappings.js";
// #16 faq-recent
import * as faqRecent from "./20261212009000_faq-recent.js";
// #17 readiness
import * as readinessAssessments from "./20261213100000_readiness-assessments.js";
// #17 privacy
import * as privacyBreaches from "./20261213200000_privacy-breaches.js";
// #17 subjects
import * as subjectRequests from "./20261213300000_subject-requests.js";
// #17 broadcasts
import * as broadcasts from "./20261213400000_broadcasts.js";
// #17 status
import * as serviceNotices from "./20261213500000_service-notices.js";
// #17 assistline
import * as assistantLine from "./20261213700000_assistant-line.js";
import * as leases from "./20261214100000_leases.js";
// #18 line
import * as lineEventOrder from "./20261214300000_line-event-order.js";
// #18 shared
import * as cacheVersions from "./20261214500000_cache-versions.js";
// #18 ops
import * as opsUnacknowledgedIndex from "./20261214600000_ops-unacknowledged-index.js";
// #18 line-ack
import * as lineAckStarted from "./20261214800000_line-ack-started.js";

/** Every migration, by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  "20261122000000_create-spine-tables": createSpineTables,
  "20261122100000_chain-audit-events": chainAuditEvents,
  "20261122100100_create-back-office-tables": createBackOfficeTables,
  "20261122200000_create-mail-intake-tables": createMailIntakeTables,
  "20261122300000_create-line-intake-tables": createLineIntakeTables,
  "20261122300100_create-line-replies": createLineReplies,
  "20261122300200_line-event-leases": lineEventLeases,
  "20261205100000_sign-in-limits": signInLimits,
  "20261205500000_acknowledgements-given-another-way": acknowledgementsGivenAnotherWay,
  "20261205600000_line-hardening": lineHardening,
  "20261206100000_holiday-sources": holidaySources,
  "20261206400000_mail-addresses-and-withheld-acknowledgements": mailAddressesAndWithheldAcknowledgements,
  "20261206600000_mail-kept-and-mailbox-started": mailKeptAndMailboxStarted,
  "20261207000000_catalog-and-forms": catalogAndForms,
  "20261207050000_outbox-messages-without-entry": outboxMessagesWithoutEntry,
  "20261207200000_service-search-terms": serviceSearchTerms,
  "20261207200100_site-pages": sitePages,
  "20261208000000_casework-core": caseworkCore,
  // #12 deficiency
  "20261208300000_deficiency-records": deficiencyRecords,
  // #12 notifications
  "20261208600000_notifications": notifications,
  // #12 casework
  "20261208100000_casework-queues": caseworkQueues,
  // #12 correspondence
  "20261208500000_letters-and-announcements": lettersAndAnnouncements,
  // #12 approval
  "20261208400000_approval": approval,
  // #12 review
  "20261208200000_review-checks": reviewChecks,
  // #13 encryption
  "20261209000000_data-keys": dataKeys,
  // #13 identity
  "20261209100000_identity-core": identityCore,
  // #13 video-juristic
  "20261209600000_video-calls-and-delegations": videoCallsAndDelegations,
  // #13 sign-in
  "20261209300000_citizen-sign-in": citizenSignIn,
  // #13 proofing
  "20261209500000_proofing": proofing,
  // #13 my-data
  "20261209400000_my-data": myData,
  // #13 officers-retention
  "20261209700000_officers-retention": officersRetention,
  // #13 sealing
  "20261209200000_sealed-lookup-keys": sealedLookupKeys,
  // #13 retention
  "20261209800000_outbox-payload-purged": outboxPayloadPurged,
  // #14 payment
  "20261210000000_payment-core": paymentCore,
  // #14 callback
  "20261210400000_bank-notifications": bankNotifications,
  // #14 statements
  "20261210500000_bank-statements": bankStatements,
  // #14 receipts
  "20261210700000_e-receipts": eReceipts,
  // #14 slips
  "20261210600000_payment-slips": paymentSlips,
  // #15 licensing
  "20261211000000_licensing-core": licensingCore,
  // #15 issuance
  "20261211200000_licence-issue-failures": licenceIssueFailures,
  // #15 lifecycle
  "20261211300000_licence-expiry-runs": licenceExpiryRuns,
  // #15 register
  "20261211600000_licence-register": licenceRegister,
  // #15 delivery
  "20261211400000_licence-deliveries": licenceDeliveries,
  // #16 core
  "20261212000000_open-channels-core": openChannelsCore,
  // #16 opendata
  "20261212006000_open-data": openData,
  // #16 answers
  "20261212002000_webboard-answer-events": webboardAnswerEvents,
  // #16 webboard
  "20261212001000_webboard-post-limits": webboardPostLimits,
  // #16 dashboards
  "20261212005000_dashboard-figures": dashboardFigures,
  // #16 faq
  "20261212003000_request-log-keys": requestLogKeys,
  // #16 backfill
  "20261212007000_licence-import-mappings": licenceImportMappings,
  // #16 faq-recent
  "20261212009000_faq-recent": faqRecent,
  // #17 assistline
  "20261213700000_assistant-line": assistantLine,
  // #17 privacy
  "20261213200000_privacy-breaches": privacyBreaches,
  // #17 status
  "20261213500000_service-notices": serviceNotices,
  // #17 broadcasts
  "20261213400000_broadcasts": broadcasts,
  // #17 readiness
  "20261213100000_readiness-assessments": readinessAssessments,
  // #17 subjects
  "20261213300000_subject-requests": subjectRequests,
  // #18 groundwork
  "20261214100000_leases": leases,
  // #18 shared
  "20261214500000_cache-versions": cacheVersions,
  // #18 ops
  "20261214600000_ops-unacknowledged-index": opsUnacknowledgedIndex,
  // #18 line
  "20261214300000_line-event-order": lineEventOrder,
  // #18 line-ack
  "20261214800000_line-ack-started": lineAckStarted,
};
