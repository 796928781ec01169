import type { Db } from "../../platform/db/database.js";
import { countLiveWorkers, type KeptLease, keepLease } from "../../platform/leases/index.js";

/**
 * One owner per mailbox pass (SC-2, CH-12): with several workers on several machines, each mailbox is
 * watched by the one process holding the lease `mailbox:<agencyId>`, and each process takes at most its
 * fair share, so 500 mailboxes spread over the workers; a worker that dies stops renewing, its leases run
 * out and the others take its mailboxes.
 */
export interface MailboxOwnership {
  /** This process's identity (the lease owner). */
  owner: string;
  /** LEASE_SECONDS: a dead worker's mailboxes are taken over within this time (plus a settings check). */
  leaseMs: number;
  /** HEARTBEAT_SECONDS: live workers are those that beat within three of these. */
  heartbeatMs: number;
}

/** How many mailboxes this worker may watch: the enabled ones over the live workers, rounded up. */
export async function mailboxShare(db: Db, ownership: MailboxOwnership, enabled: number): Promise<number> {
  const workers = Math.max(1, await countLiveWorkers(db, ownership.heartbeatMs));
  return Math.ceil(enabled / workers);
}

/** Takes the mailbox's lease for this process, kept renewed; `onLost` runs if another took it meanwhile. */
export function takeMailbox(
  db: Db,
  ownership: MailboxOwnership,
  agencyId: string,
  onLost: () => void,
): Promise<KeptLease | undefined> {
  return keepLease(
    db,
    { name: `mailbox:${agencyId}`, owner: ownership.owner, ms: ownership.leaseMs },
    onLost,
  );
}
