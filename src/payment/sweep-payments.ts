import type { PaymentDeps } from "./payment-deps.js";
import { sweepNoticeDeadlines } from "./sweep-notice-deadlines.js";

/**
 * The payment room's background work, every few seconds on ROLE=worker: each part's sweep, each
 * catching its own failure so one does not stop the others.
 */
export async function sweepPayments(deps: PaymentDeps, now: Date): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    // #14 parts: one line each, e.g. ["reminders", () => sweepNoticeDeadlines(deps, now)]
    // #14 notice
    ["notice deadlines", () => sweepNoticeDeadlines(deps, now)],
  ];
  void now;
  for (const [name, run] of parts)
    await run().catch((error) => deps.log(`payment ${name}: ${String(error)}`));
}
