// #11 forms: validation of form files and answers, Thai inputs
export { fieldErrorMessage, fieldLabel } from "./field-messages.js";
export type {
  FieldDataClass,
  FieldUi,
  FormDefinition,
  FormPage,
  FormUi,
  LawfulBasis,
  Widget,
} from "./form-definition.js";
export { type NoticeSource, type PrivacyNotice, privacyNotice } from "./privacy-notice.js";
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
