import type { Db } from "../../platform/db/database.js";
import { mailboxAlerts, mailboxFromRow } from "./mailbox.repo.js";

/** A mailbox's health in one word: its worst alert (CH-12), or why it is not taken from at all. */
export const MAILBOX_HEALTH_STATES = [
  "ok",
  "failing",
  "stalled",
  "nearly_full",
  "not_started",
  "disabled",
] as const;
export type MailboxHealthState = (typeof MAILBOX_HEALTH_STATES)[number];

/**
 * #18 ops (CH-12): how many agencies' mailboxes are in each health state, by the same rules as the
 * officers' alerts (`mailboxAlerts`). Counts only: which agency is failing is on that agency's own page
 * and in `borikan mailbox status`, and a label per agency would make hundreds of series per metric. One
 * mailbox per agency, so a province reads a few hundred small rows.
 */
export async function countMailboxesByHealth(db: Db, now: Date): Promise<Record<MailboxHealthState, number>> {
  const rows = await db.selectFrom("mailboxes").selectAll().execute();
  const counts = Object.fromEntries(MAILBOX_HEALTH_STATES.map((s) => [s, 0])) as Record<
    MailboxHealthState,
    number
  >;
  for (const row of rows) counts[healthState(mailboxFromRow(row), now)] += 1;
  return counts;
}

function healthState(mailbox: ReturnType<typeof mailboxFromRow>, now: Date): MailboxHealthState {
  if (!mailbox.enabled) return "disabled";
  const problems = new Set(mailboxAlerts(mailbox, now).map((a) => a.problem));
  if (problems.has("failing")) return "failing";
  // #10: a mailbox waiting for its admin's first decision takes nothing yet; it is not stalled.
  if (mailbox.start.state !== "started") return "not_started";
  if (problems.has("stalled")) return "stalled";
  if (problems.has("nearly-full")) return "nearly_full";
  return "ok";
}
