export type { ServiceRow, ServiceVersionRow } from "./catalog.table.js";
export { DEFINITION_RULES, type DefinitionProblem, type DefinitionRule } from "./definition-problem.js";
export { loadDemoServices, seedDemoServices } from "./demo-services.js";
// #14 fees (PY-1): structured fees, their computation from the answers, and how the manual says them
export {
  calculateFees,
  calculationOf,
  type FeeFailure,
  type FeeFailureReason,
  type FeeLine,
  type FeeResult,
  feeApplies,
} from "./fee-calculation.js";
export { compileFormula, FORMULA_FUNCTIONS } from "./fee-formula.js";
export { DEFAULT_PAYMENT_TERMS, feeAmountText, feeKindText, paymentTermsText } from "./fee-text.js";
// #15 licensing: the licence a service version issues
export type { LicenceField, LicenceFieldSource, LicenceTemplate } from "./licence-template.js";
export { type CatalogActor, publishService } from "./publish-service.js";
// #11 search
export { indexServiceVersion } from "./search-index.js";
export { searchFormView, searchResultsView } from "./search-page.view.js";
export { listPublishedVersions, type ServiceHit, searchServices } from "./search-services.js";
// #15 register: the licence register's Thai search cuts words as the catalogue does
export { queryTermsOf, termsOf } from "./search-terms.js";
// #17 assistant: services sharing a question's words, with their manuals and the words' rarity (IF-4)
export { findServiceCandidates, type ServiceCandidate } from "./service-candidates.js";
export type {
  Assurance,
  ComplaintChannel,
  DataClass,
  DayKind,
  Fee,
  FeeCalculation,
  FeeKind,
  FeeTier,
  PaymentTerms,
  RequiredDocument,
  RiskLevel,
  ServiceChannel,
  ServiceDefinition,
  ServiceStep,
  Text,
} from "./service-definition.js";
export { SERVICE_DEFINITION_SCHEMA } from "./service-definition.schema.js";
// #16 faq: sections other rooms add to a service's public page
export type { ServicePageSection } from "./service-page-section.js";
export {
  findCurrentVersion,
  findService,
  findServiceVersion,
  findVersionInForce,
  type ServiceVersion,
} from "./service-versions.repo.js";
export { listServices, type ServiceSummary } from "./services.repo.js";
export { checkDefinition, parseDefinition, problemsOf, validateDefinition } from "./validate-definition.js";
// #16 dashboards
export { versionServices } from "./version-services.js";
