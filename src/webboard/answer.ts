import type { WebboardAnswersTable } from "./webboard.table.js";

/** #16 answers: an officer's answer to a topic, as the office pages show it. */
export interface Answer {
  id: string;
  agencyId: string;
  topicId: string;
  unitId: string | null;
  draftedBy: string;
  body: string;
  /** WB-3: the regulation relied on, when it took effect, the date the answer holds as of (YYYY-MM-DD). */
  regulation: string;
  regulationEffectiveOn: string;
  holdsAsOf: string;
  status: WebboardAnswersTable["status"];
  decidedBy: string | null;
  decidedAt: string | null;
  returnReason: string | null;
  faqEntryId: string | null;
  createdAt: string;
  /** Also the version an officer's form carries: an act on an answer changed since is ANSWER_STALE. */
  updatedAt: string;
  publishedAt: string | null;
}

export function answerOf(row: WebboardAnswersTable): Answer {
  return {
    id: row.id,
    agencyId: row.agency_id,
    topicId: row.topic_id,
    unitId: row.unit_id,
    draftedBy: row.drafted_by,
    body: row.body,
    regulation: row.regulation,
    regulationEffectiveOn: row.regulation_effective_on,
    holdsAsOf: row.holds_as_of,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    returnReason: row.return_reason,
    faqEntryId: row.faq_entry_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/**
 * The next `updated_at`: now, or a millisecond after the last one when the clock has not moved past it,
 * so every act changes the version a concurrent act is checked against.
 */
export function nextStamp(previous: string, now: Date): string {
  const after = new Date(previous).getTime() + 1;
  return new Date(Math.max(now.getTime(), Number.isNaN(after) ? 0 : after)).toISOString();
}
