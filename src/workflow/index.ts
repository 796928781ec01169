export {
  type Actor,
  actorRoles,
  allowedActions,
  auditActor,
  nextStatus,
  type StatusTable,
  SYSTEM_ROLE,
  type Transition,
} from "./status-table.js";
