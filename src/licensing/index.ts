// #15 licensing core: licences, numbers, lifecycle (LC-1..4, PR-1)

// #15 lifecycle: amend, renew, suspend, reinstate, revoke, the daily expiry, the officers' pages
export { type AmendLicenceInput, amendLicence } from "./amend-licence.js";
// #16 backfill
export { type BackfillMapping, defaultMapping } from "./backfill-mapping.js";
export { listBackfillMappings, saveBackfillMapping } from "./backfill-mappings.repo.js";
export { backfillProblemText } from "./backfill-problem-text.js";
export {
  type ChangeLicenceStatusInput,
  changeLicenceStatus,
  STATUS_ACTIONS,
  type StatusAction,
} from "./change-licence-status.js";
export { canTakeLicenceAction } from "./check-licence-action.js";
// #15 delivery: what the delivery room's sweep delivers
export { listDeliverableLicences } from "./deliverable-licences.repo.js";
export { seedDemoLicenceOrigin } from "./demo-origin.js";
export { expireLicences } from "./expire-licences.js";
// #15 issuance: settings, automatic issuance, the matter panel, the paper path, back-fill
export { type BackfillReport, importLicences } from "./import-licences.js";
export { indexUnindexedLicences } from "./index-unindexed-licences.js";
export { issueDueLicences } from "./issue-due-licences.js";
export { type IssueLicenceInput, issueLicence, issueLicenceIn } from "./issue-licence.js";
export { type Licence, type PrintedField, verificationUrl } from "./licence.js";
export { type LicenceEditionFacts, makeLicenceDocument } from "./licence-document.js";
export { printedFields } from "./licence-fields.js";
export {
  formatLicenceNumber,
  newVerificationCode,
  nextLicenceSequence,
  parseLicenceNumber,
  raiseLicenceCounter,
} from "./licence-numbers.js";
export { type LicenceDocumentFacts, licencePdf, licenceQrPng } from "./licence-pdf.js";
// #16 opendata: the register's exports and description, for the open-data room's push and checks
export {
  EXPORT_COLUMNS,
  EXPORT_SCHEMA,
  type ExportField,
  type ExportRecord,
  registerCsv,
  registerJson,
  registerRecords,
  registerXlsx,
} from "./licence-register-export.js";
export { type OpenDataLicence, registerMetadata } from "./licence-register-metadata.js";
// #15 register
export { indexLicence } from "./licence-search.js";
export { LICENCE_STATUSES, type LicenceAction, type LicenceActorRole } from "./licence-statuses.js";
export { findLicence, findLicenceByCode, listMatterLicences } from "./licences.repo.js";
export { licensingRoutes } from "./licensing.routes.js";
export type { LicenceOrigin, LicenceStatus } from "./licensing.table.js";
export type { LicensingDeps } from "./licensing-deps.js";
export { licensingPanels } from "./licensing-panels.js";
// #17 export
export { listPersonLicences, type PersonLicence } from "./person-licences.js";
export { type LicenceActionInput, recordLicenceAction } from "./record-licence-action.js";
export { awaitingScan, recordLicenceScan } from "./record-licence-scan.js";
// #17 readiness
export { hasRegisterLicence } from "./register-in-use.js";
export { nonPublicFieldKeys } from "./register-public-fields.js";
export { type RenewLicenceInput, renewLicence } from "./renew-licence.js";
export { setAgencyEmblem } from "./set-agency-emblem.js";
export { checkLicenceOrigin, setLicenceOrigin } from "./set-licence-origin.js";
export { sweepLicences } from "./sweep-licences.js";
export { addValidity } from "./validity.js";
// #15 verify: the public verification page (LC-3)
export {
  isVerificationCodeShaped,
  type LicenceVerification,
  MAX_LICENCE_NUMBER_LENGTH,
  type VerifiedStatus,
  verifyLicence,
} from "./verify-licence.js";
