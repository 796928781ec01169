import { listMatterLetters } from "../../correspondence/index.js";
import { listNotifications, type NotificationView } from "../../notifications/index.js";
import type { Db } from "../../platform/db/database.js";
import {
  type AwaitedFrom,
  bizPortalStatus,
  type Entry,
  findLineRecipient,
  findMatter,
  listMatterActions,
  listMatterEntries,
  MATTER_STATUS_INFO,
  MATTER_STATUSES,
  type Matter,
  type MatterActionRecord,
} from "../../register/index.js";
import { type RatingLinkDeps, ratingLinkFor } from "../../satisfaction/index.js";
import { allowedActions, type DayKind, type StatusTable } from "../../workflow/index.js";

/** A letter of the matter the applicant may read (an external letter an action sent them). */
export interface TrackedLetter {
  id: string;
  number: string;
  subject: string;
  date: string;
}

/** TR-1, WS-5: where the matter stands, what it waits for from whom, by when, and what happened. */
export interface Tracking {
  matter: Matter;
  biz: ReturnType<typeof bizPortalStatus>;
  awaited: AwaitedFrom;
  /** LF-1: the manual's due time, in its kind of day; null while paused or without a time limit. */
  expectedAt: Date | null;
  dayKind: DayKind | null;
  paused: boolean;
  /** The public actions, oldest first (officers' comments and memos are not shown). */
  timeline: MatterActionRecord[];
  letters: TrackedLetter[];
  notifications: NotificationView[];
  /** The table lets the applicant withdraw now. */
  canWithdraw: boolean;
  /** #16 faqbench (TR-3): the rating link of a closed matter not rated yet. */
  ratingUrl?: string;
}

const letterIdOf = (a: MatterActionRecord) =>
  typeof a.payload.letterId === "string" ? a.payload.letterId : undefined;

const lower = (s: string | null) => s?.trim().toLowerCase() || null;

/**
 * Whether an entry's sender is the matter's applicant: its first entry, or a later one (an answer to a
 * deficiency record) from the same email address or LINE user. An entry an officer joined to someone
 * else's matter does not open that matter's timeline, letters or withdrawal to its own sender.
 */
function isApplicantsEntry(
  first: Entry,
  entry: Entry,
  lines: { first: string | null; entry: string | null },
) {
  if (first.id === entry.id) return true;
  const email = (e: Entry) => lower(e.replyTo ?? e.senderEmail);
  if (email(first) && email(first) === email(entry)) return true;
  return lines.first !== null && lines.first === lines.entry;
}

/** Whether the sender of `entry` is its matter's applicant (see isApplicantsEntry). */
export async function isMattersApplicant(db: Db, agencyId: string, entry: Entry): Promise<boolean> {
  const [first] = await listMatterEntries(db, entry.matterId);
  if (!first) return false;
  const lineOf = async (e: Entry) => (await findLineRecipient(db, agencyId, e.id))?.lineUserId ?? null;
  const lines = { first: await lineOf(first), entry: first.id === entry.id ? null : await lineOf(entry) };
  return isApplicantsEntry(first, entry, lines);
}

/**
 * The tracking of an entry's matter, or undefined when the matter is not the agency's or the entry's
 * sender is not its applicant (the page then shows the receipt alone).
 */
export async function loadTracking(
  db: Db,
  agencyId: string,
  entry: Entry,
  rating?: Omit<RatingLinkDeps, "db">,
): Promise<Tracking | undefined> {
  if (!(await isMattersApplicant(db, agencyId, entry))) return undefined;
  const matter = await findMatter(db, agencyId, entry.matterId);
  if (!matter) return undefined;
  const all = await listMatterActions(db, matter.id);
  // A letter addressed to the applicant is shown even when its record is an officers' fact.
  const timeline = all.filter(
    (a) => a.visibility === "public" || (a.action === "record-letter" && a.payload.toApplicant === true),
  );
  const shownLetters = new Set(timeline.flatMap((a) => letterIdOf(a) ?? []));
  const letters = (await listMatterLetters(db, matter.id))
    .filter((l) => shownLetters.has(l.id) && l.kind === "external")
    .map((l) => ({ id: l.id, number: l.number, subject: l.subject, date: l.letter_date }));
  const table = MATTER_STATUSES[matter.kind] as unknown as StatusTable<string, string, string>;
  const paused = matter.pausedAt !== null;
  return {
    matter,
    biz: bizPortalStatus(matter.status),
    awaited: MATTER_STATUS_INFO[matter.status].awaited,
    expectedAt: paused ? null : matter.dueAt,
    dayKind: matter.timeLimit?.dayKind ?? null,
    paused,
    timeline,
    letters,
    notifications: await listNotifications(db, matter.id),
    canWithdraw: allowedActions(table, matter.status, ["applicant"]).includes("withdraw"),
    ratingUrl: rating && (await ratingLinkFor({ db, ...rating }, matter)),
  };
}
