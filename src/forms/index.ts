// #12 review: a matter's application and its checklist, for checking against the manual
export { findMatterApplication, type MatterApplication } from "./applications.repo.js";
export { checklistFor } from "./documents.js";
// #11 forms: validation of form files and answers, Thai inputs

// #12 deficiency: the application of a matter (its service version's checklist)
export { findApplicationOfMatter } from "./applications.repo.js";
export { fieldErrorMessage, fieldLabel } from "./field-messages.js";
export {
  FIELD_DATA_CLASSES,
  type FieldDataClass,
  type FieldUi,
  type FormDefinition,
  type FormPage,
  type FormUi,
  LAWFUL_BASES,
  type LawfulBasis,
  WIDGETS,
  type Widget,
} from "./form-definition.js";
export type { ApplicationRow } from "./forms.table.js";
// #16 dashboards
export { matterServiceVersions } from "./matter-service-versions.js";
// #17 export
export { listPersonApplications, type PersonApplication } from "./person-application-data.js";
// #13 my-data: a signed-in citizen's applications and drafts (PD-6)
export { listDraftsOfEmail, listMattersOfApplicantId, type PersonDraft } from "./person-applications.repo.js";
export { type NoticeSource, type PrivacyNotice, privacyNotice } from "./privacy-notice.js";
// #13 officers-retention
export { purgeExpiredDrafts } from "./purge-drafts.js";
export { FORMS_SEALED_COLUMNS } from "./sealed-columns.js";
// #11 applications
export { createSmsGateway, type SmsGateway } from "./sms-gateway.js";
export {
  nextStep,
  previousStep,
  type Step,
  type StepKind,
  type StepsDefinition,
  type StepsDraft,
  stepsOf,
  stepUrl,
} from "./steps.js";
export { addressMismatch, type ThaiAddress } from "./thai-address.js";
export { isBaht, isThaiJuristicId, isThaiMobile, isThaiNationalId, isThaiPhone } from "./thai-ids.js";
export { showAnswer, showBeDate } from "./thai-inputs.js";
export {
  type AnswersResult,
  type FieldError,
  type ValidateAnswersOptions,
  validateAnswers,
} from "./validate-answers.js";
export { type FormProblem, validateFormDefinition } from "./validate-form-definition.js";
export { visibleFields } from "./visibility.js";
export { checkDraftCsrf, draftCsrfToken, refuseCrossSite } from "./web/apply-guard.js";
