import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkCitation, type FaqCitation } from "./faq-citation.js";
import type { FaqEntry } from "./faq-entry.js";
import { type FaqOfficer, mayPublishFaq } from "./faq-roles.js";
import { publishFaqEntryIn } from "./publish-faq-entry.js";
import { scopedLogRow } from "./record-request-reply.js";

export interface PublishLoggedRequestInput extends FaqCitation {
  agencyId: string;
  logId: string;
  /** The question as the public reads it: the officer rewords it to strip personal details. */
  question: string;
  /** The answer as published; empty: the answer recorded in the log. */
  answer?: string;
  officer: FaqOfficer;
  ip?: string;
}

/**
 * IF-4: publishes a logged, answered question in the FAQ of its service. Only the question's wording the
 * officer confirmed and the answer are copied: the requester's name and the entry's text never are. One
 * entry per logged row (publishing again returns it). The log row points at the entry, in one transaction.
 */
export async function publishLoggedRequest(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: PublishLoggedRequestInput,
): Promise<{ entry: FaqEntry; created: boolean }> {
  if (!mayPublishFaq(input.officer.roles)) throw new AppError("FORBIDDEN");
  const citation = checkCitation(input);
  return withTransaction(deps.handle, async (trx) => {
    const row = await scopedLogRow(trx, input.agencyId, input.logId, input.officer);
    if (!row.answer) throw new AppError("FAQ_LOG_NOT_ANSWERED");
    const published = await publishFaqEntryIn(trx, deps.clock, {
      agencyId: input.agencyId,
      serviceId: row.service_id,
      question: input.question,
      answer: input.answer?.trim() ? input.answer : row.answer,
      ...citation,
      unitId: row.unit_id,
      source: "request-log",
      sourceId: row.id,
      actor: `staff:${input.officer.staffId}`,
      ip: input.ip,
    });
    if (row.faq_entry_id !== published.entry.id)
      await trx
        .updateTable("request_log")
        .set({ faq_entry_id: published.entry.id })
        .where("id", "=", row.id)
        .execute();
    return published;
  });
}
