import { sql } from "kysely";
import { countMailboxesByHealth } from "../intake/mail/index.js";
import { countOutboxByState } from "../outbox/index.js";
import { listHeartbeats } from "../platform/leases/index.js";
import { findOldestUnacknowledged } from "../register/index.js";
import { isFreshBeat, type OpsDeps, WORKING_ROLES } from "./ops-deps.js";
import { TimedOut, withTimeout } from "./with-timeout.js";

/** `fail` on a required check makes the process not ready; `warn` is for the operator only. */
export type CheckStatus = "ok" | "warn" | "fail";
export interface CheckResult {
  status: CheckStatus;
  /** Figures only: counts and ages, never a name, an address, a host or an error's text. */
  [figure: string]: string | number | boolean;
}
export interface Readiness {
  ready: boolean;
  failing: string[];
  checks: Record<string, CheckResult>;
}

/** An entry waiting longer than this for its acknowledgement is worth an operator's look (CH-4). */
const ACK_WAIT_WARN_SECONDS = 3600;

/**
 * What /readyz answers. Required: the database answers, the file store is writable or reachable, and,
 * for a web-only process, some worker beat lately (else nothing sends the acknowledgements it promises).
 * Warnings only, so that one agency's problem does not take the whole install out of its load balancer:
 * mailboxes failing or stalled (CH-12), an acknowledgement long waiting, outbox failures. Every check has
 * its own time limit and runs beside the others; an error's text goes to the log, never to the answer.
 */
export async function checkReadiness(
  deps: OpsDeps,
  logError: (check: string, error: unknown) => void,
): Promise<Readiness> {
  const now = deps.now();
  const ms = deps.checkTimeoutMs ?? 2000;
  const checks: Record<string, { required: boolean; run: () => Promise<CheckResult> }> = {
    database: { required: true, run: () => sql`select 1`.execute(deps.db).then(() => ({ status: "ok" })) },
    storage: { required: true, run: () => deps.checkStorage().then(() => ({ status: "ok" })) },
    workers: { required: deps.role === "web", run: () => checkWorkers(deps, now) },
    mailboxes: { required: false, run: () => checkMailboxes(deps, now) },
    acknowledgements: { required: false, run: () => checkAcknowledgements(deps, now) },
    outbox: { required: false, run: () => checkOutbox(deps) },
  };
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map(async (name): Promise<CheckResult> => {
      const check = checks[name]!;
      try {
        const result = await withTimeout(check.run, ms);
        return check.required || result.status !== "fail" ? result : { ...result, status: "warn" };
      } catch (error) {
        logError(name, error);
        const status: CheckStatus = check.required ? "fail" : "warn";
        return { status, error: error instanceof TimedOut ? "timeout" : "error" };
      }
    }),
  );
  const byName = Object.fromEntries(names.map((n, i) => [n, results[i]!]));
  const failing = names.filter((n) => byName[n]?.status === "fail");
  return { ready: failing.length === 0, failing, checks: byName };
}

async function checkWorkers(deps: OpsDeps, now: Date): Promise<CheckResult> {
  const beats = (await listHeartbeats(deps.db)).filter((b) => WORKING_ROLES.has(b.role));
  const fresh = beats.filter((b) => isFreshBeat(b.beatAt, now, deps.heartbeatMs)).length;
  const newest = beats[0]
    ? Math.max(0, Math.round((now.getTime() - Date.parse(beats[0].beatAt)) / 1000))
    : -1;
  return { status: fresh > 0 ? "ok" : "fail", alive: fresh, newestBeatSeconds: newest };
}

async function checkMailboxes(deps: OpsDeps, now: Date): Promise<CheckResult> {
  const counts = await countMailboxesByHealth(deps.db, now);
  const troubled = counts.failing + counts.stalled;
  return { status: troubled > 0 ? "warn" : "ok", ...counts };
}

async function checkAcknowledgements(deps: OpsDeps, now: Date): Promise<CheckResult> {
  const oldest = await findOldestUnacknowledged(deps.db);
  const seconds = oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0;
  return { status: seconds > ACK_WAIT_WARN_SECONDS ? "warn" : "ok", oldestWaitingSeconds: seconds };
}

async function checkOutbox(deps: OpsDeps): Promise<CheckResult> {
  const counts = await countOutboxByState(deps.db);
  const status = counts.failed + counts.uncertain > 0 ? "warn" : "ok";
  return { status, failed: counts.failed, uncertain: counts.uncertain, pending: counts.pending };
}
