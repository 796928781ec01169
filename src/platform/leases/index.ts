export {
  type Heartbeat,
  listHeartbeats,
  newProcessIdentity,
  type ProcessIdentity,
  recordHeartbeat,
  removeHeartbeat,
} from "./heartbeats.js";
export { acquireLease, type LeaseRow, listLeases, releaseLease, runUnderLease } from "./leases.js";
export type { LeasesTable, WorkerHeartbeatsTable } from "./leases.table.js";
