// #16 core

// #16 opendata: the licence register as open data (PR-4, OD-1)
export { CkanError, ckanAction } from "./ckan-client.js";
export { openDataRoutes } from "./open-data.routes.js";
export {
  type CkanTarget,
  DGA_OPEN_GOVERNMENT_LICENSE,
  findOpenDataSettings,
  lastOpenDataPush,
  type OpenDataSettings,
  openDataLicenceOf,
} from "./open-data-settings.js";
export { type OpenDataDeps, type PushOutcome, pushRegisterToCkan } from "./push-register-to-ckan.js";
export { OPENDATA_SEALED_COLUMNS } from "./sealed-columns.js";
export { type CkanSettingsInput, setCkanSettings, setOpenDataLicence } from "./set-open-data-settings.js";
export { sweepOpenData } from "./sweep-open-data.js";
