// #18 processes
export { countLiveWorkers, type HeartbeatLoop, startHeartbeats } from "./heartbeat-loop.js";
export {
  type Heartbeat,
  listHeartbeats,
  newProcessIdentity,
  type ProcessIdentity,
  recordHeartbeat,
  removeHeartbeat,
} from "./heartbeats.js";
export { type KeptLease, keepLease, runKeepingLease } from "./kept-lease.js";
export { acquireLease, type LeaseRow, listLeases, releaseLease, runUnderLease } from "./leases.js";
export type { LeasesTable, WorkerHeartbeatsTable } from "./leases.table.js";
