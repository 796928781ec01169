// #17 readiness: the agency's readiness self-assessment (RD-1, RD-2)
export { type Answers, assessLevels, type LiveState, overallLevel } from "./assess-levels.js";
export { CAPABILITIES, type Capability, PROCESSES } from "./processes.js";
export { type InstallConfig, readLiveState } from "./read-live-state.js";
export { READINESS_ROLES, type ReadinessDeps, readinessRoutes } from "./readiness.routes.js";
export { SURVEY_ITEMS } from "./survey.js";
export { LEVELS, type Level } from "./survey-types.js";
