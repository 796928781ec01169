/** #18: a named piece of background work and who holds it until when (ISO instants, UTC). */
export interface LeasesTable {
  name: string;
  owner: string;
  lease_until: string;
  acquired_at: string;
}

/** #18: one running process's last sign of life. */
export interface WorkerHeartbeatsTable {
  process_id: string;
  role: string;
  host: string;
  pid: number;
  started_at: string;
  beat_at: string;
  /** JSON object: what the process reports about itself. */
  detail: string;
}
