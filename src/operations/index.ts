export { type CheckResult, type CheckStatus, checkReadiness, type Readiness } from "./check-readiness.js";
export { operationsRoutes } from "./ops.routes.js";
export type { OpsDeps } from "./ops-deps.js";
