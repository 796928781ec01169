import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkCitation, type FaqCitation } from "./faq-citation.js";
import type { FaqEntry } from "./faq-entry.js";
import { type FaqOfficer, mayPublishFaq } from "./faq-roles.js";
import { checkService } from "./log-request.js";
import { publishFaqEntryIn } from "./publish-faq-entry.js";

export interface WriteFaqEntryInput extends FaqCitation {
  agencyId: string;
  serviceId: string | null;
  question: string;
  answer: string;
  officer: FaqOfficer;
  ip?: string;
}

/** IF-4: an entry an officer writes directly (source "officer"), published by a role that may publish. */
export async function writeFaqEntry(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: WriteFaqEntryInput,
): Promise<FaqEntry> {
  if (!mayPublishFaq(input.officer.roles)) throw new AppError("FORBIDDEN");
  const citation = checkCitation(input);
  // The writer's unit answers for the entry (its contact is shown); several or none: the agency's contact.
  const unitId = input.officer.unitIds.length === 1 ? input.officer.unitIds[0]! : null;
  return withTransaction(deps.handle, async (trx) => {
    if (input.serviceId) await checkService(trx, input.agencyId, input.serviceId);
    const { entry } = await publishFaqEntryIn(trx, deps.clock, {
      agencyId: input.agencyId,
      serviceId: input.serviceId,
      question: input.question,
      answer: input.answer,
      ...citation,
      unitId,
      source: "officer",
      sourceId: null,
      actor: `staff:${input.officer.staffId}`,
      ip: input.ip,
    });
    return entry;
  });
}
