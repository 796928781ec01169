export { addDaysOfKind, type ClockPause, clockDue, countDaysOfKind, type DayKind } from "./clocks.js";
export {
  type Actor,
  APPLICANT_ROLE,
  actorRoles,
  allowedActions,
  auditActor,
  nextStatus,
  type StatusTable,
  SYSTEM_ROLE,
  type Transition,
} from "./status-table.js";
