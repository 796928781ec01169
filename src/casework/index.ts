export type { MatterPanel } from "./matter-panel.js";
export { AGENCY_WIDE_ROLES, officerScope } from "./officer-scope.js";
