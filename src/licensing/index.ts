// #15 licensing core: licences, numbers, lifecycle (LC-1..4, PR-1)

// #15 delivery: what the delivery room's sweep delivers
export { listDeliverableLicences } from "./deliverable-licences.repo.js";
export { seedDemoLicenceOrigin } from "./demo-origin.js";
export { type IssueLicenceInput, issueLicence, issueLicenceIn } from "./issue-licence.js";
export { type Licence, type PrintedField, verificationUrl } from "./licence.js";
export { printedFields } from "./licence-fields.js";
export {
  formatLicenceNumber,
  newVerificationCode,
  nextLicenceSequence,
  parseLicenceNumber,
  raiseLicenceCounter,
} from "./licence-numbers.js";
export { type LicenceDocumentFacts, licencePdf, licenceQrPng } from "./licence-pdf.js";
export { LICENCE_STATUSES, type LicenceAction, type LicenceActorRole } from "./licence-statuses.js";
export { findLicence, findLicenceByCode, listMatterLicences } from "./licences.repo.js";
export { licensingRoutes } from "./licensing.routes.js";
export type { LicenceOrigin, LicenceStatus } from "./licensing.table.js";
export type { LicensingDeps } from "./licensing-deps.js";
export { licensingPanels } from "./licensing-panels.js";
export { type LicenceActionInput, recordLicenceAction } from "./record-licence-action.js";
export { sweepLicences } from "./sweep-licences.js";
export { addValidity } from "./validity.js";
