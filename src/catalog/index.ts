export type { ServiceRow, ServiceVersionRow } from "./catalog.table.js";
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
  RequiredDocument,
  RiskLevel,
  ServiceChannel,
  ServiceDefinition,
  ServiceStep,
  Text,
} from "./service-definition.js";
export {
  findCurrentVersion,
  findService,
  findServiceVersion,
  findVersionInForce,
  type ServiceVersion,
} from "./service-versions.repo.js";
