import { issueEReceipts } from "./issue-e-receipts.js";
import type { PaymentDeps } from "./payment-deps.js";
import { sweepMailedSlips } from "./sweep-mailed-slips.js";
import { sweepNoticeDeadlines } from "./sweep-notice-deadlines.js";

/**
 * The payment room's background work, every few seconds on ROLE=worker: each part's sweep, each
 * catching its own failure so one does not stop the others.
 */
export async function sweepPayments(deps: PaymentDeps, now: Date): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    // Slips mailed in before the deadline is looked at; receipts of what was paid, last.
    ["mailed slips", () => sweepMailedSlips(deps, now)],
    ["notice deadlines", () => sweepNoticeDeadlines(deps, now)],
    ["e-receipts", () => issueEReceipts(deps, now)],
  ];
  for (const [name, run] of parts)
    await run().catch((error) => deps.log(`payment ${name}: ${String(error)}`));
}
