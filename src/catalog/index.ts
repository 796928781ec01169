export type { ServiceRow, ServiceVersionRow } from "./catalog.table.js";
export { loadDemoServices, seedDemoServices } from "./demo-services.js";
export { type CatalogActor, publishService } from "./publish-service.js";
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
