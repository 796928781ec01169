export type { CaseworkRoutesOptions } from "./casework-context.js";
export { listWorkQueue, type WorkQueue } from "./list-work-queue.js";
export type { MatterPanel } from "./matter-panel.js";
export { AGENCY_WIDE_ROLES, matterScope, officerScope } from "./officer-scope.js";
export { allowedCaseworkActions, readMatter } from "./read-matter.js";
export { AT_RISK_BUSINESS_DAYS, atRiskBefore, type ClockState, clockState } from "./service-level.js";
export { type EscalationDeps, escalationRecipients, sweepEscalations } from "./sweep-escalations.js";
export { CASEWORK_ACTIONS, type CaseworkAction, takeMatterAction } from "./take-matter-action.js";
