export type { ServiceRow, ServiceVersionRow } from "./catalog.table.js";
export { DEFINITION_RULES, type DefinitionProblem, type DefinitionRule } from "./definition-problem.js";
export { loadDemoServices, seedDemoServices } from "./demo-services.js";
export { type CatalogActor, publishService } from "./publish-service.js";
// #11 search
export { indexServiceVersion } from "./search-index.js";
export { searchFormView, searchResultsView } from "./search-page.view.js";
export { listPublishedVersions, type ServiceHit, searchServices } from "./search-services.js";
export type {
  Assurance,
  ComplaintChannel,
  DataClass,
  DayKind,
  Fee,
  PaymentTerms,
  RequiredDocument,
  RiskLevel,
  ServiceChannel,
  ServiceDefinition,
  ServiceStep,
  Text,
} from "./service-definition.js";
export { SERVICE_DEFINITION_SCHEMA } from "./service-definition.schema.js";
export {
  findCurrentVersion,
  findService,
  findServiceVersion,
  findVersionInForce,
  type ServiceVersion,
} from "./service-versions.repo.js";
export { listServices, type ServiceSummary } from "./services.repo.js";
export { checkDefinition, parseDefinition, problemsOf, validateDefinition } from "./validate-definition.js";
