import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FaqEntriesTable } from "./faq.table.js";
import { type FaqEntry, faqEntryOf } from "./faq-entry.js";
import { indexFaqEntry } from "./faq-search.js";

export interface NewFaqEntry {
  agencyId: string;
  serviceId: string | null;
  question: string;
  answer: string;
  regulation?: string | null;
  regulationEffectiveOn?: string | null;
  holdsAsOf?: string | null;
  unitId?: string | null;
  source: FaqEntriesTable["source"];
  /** The webboard answer's or the request-log row's id; null for an entry an officer wrote. */
  sourceId: string | null;
  /** The staff member publishing (their id). */
  actor: string;
  ip?: string;
}

const MAX_QUESTION = 500;
const MAX_ANSWER = 10_000;

/**
 * IF-4, WB-1: publishes a question and its answer in the FAQ, in the caller's transaction: the row, its
 * search words and the audit row together. One entry per source: publishing the same webboard answer or
 * logged question again returns the entry it already is (`created: false`), never a second one.
 * Throws FAQ_ENTRY_INVALID {field} for an empty or oversized question or answer.
 */
export async function publishFaqEntryIn(
  trx: Db,
  clock: Clock,
  input: NewFaqEntry,
): Promise<{ entry: FaqEntry; created: boolean }> {
  const question = input.question.trim();
  const answer = input.answer.trim();
  if (!question || question.length > MAX_QUESTION)
    throw new AppError("FAQ_ENTRY_INVALID", { field: "question" });
  if (!answer || answer.length > MAX_ANSWER) throw new AppError("FAQ_ENTRY_INVALID", { field: "answer" });
  if (input.sourceId !== null) {
    const existing = await trx
      .selectFrom("faq_entries")
      .selectAll()
      .where("agency_id", "=", input.agencyId)
      .where("source", "=", input.source)
      .where("source_id", "=", input.sourceId)
      .executeTakeFirst();
    if (existing) return { entry: faqEntryOf(existing), created: false };
  }
  const at = clock.now().toISOString();
  const row: FaqEntriesTable = {
    id: newId(),
    agency_id: input.agencyId,
    service_id: input.serviceId,
    question,
    answer,
    regulation: input.regulation ?? null,
    regulation_effective_on: input.regulationEffectiveOn ?? null,
    holds_as_of: input.holdsAsOf ?? null,
    unit_id: input.unitId ?? null,
    source: input.source,
    source_id: input.sourceId,
    status: "published",
    published_by: input.actor,
    published_at: at,
    withdrawn_by: null,
    withdrawn_at: null,
    withdrawn_reason: null,
  };
  await trx.insertInto("faq_entries").values(row).execute();
  await indexFaqEntry(trx, { id: row.id, agencyId: row.agency_id, question, answer });
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: input.actor,
    action: "faq.publish",
    subjectType: "faq_entry",
    subjectId: row.id,
    data: { source: input.source, sourceId: input.sourceId, serviceId: input.serviceId },
    ip: input.ip,
    at,
  });
  return { entry: faqEntryOf(row), created: true };
}

/** publishFaqEntryIn in a transaction of its own. */
export function publishFaqEntry(deps: { handle: DatabaseHandle; clock: Clock }, input: NewFaqEntry) {
  return withTransaction(deps.handle, (trx) => publishFaqEntryIn(trx, deps.clock, input));
}
