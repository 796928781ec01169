import { findAgency, findUnit } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { auditActor } from "../workflow/index.js";
import { type Answer, answerOf } from "./answer.js";
import { type CitationInput, checkCitation } from "./answer-citation.js";
import { ANSWER_DRAFTERS } from "./answer-statuses.js";
import { findAnswerTopic } from "./answer-topic.repo.js";
import { type AnswerActor, recordAnswerAction } from "./record-answer-action.js";

export interface DraftAnswerInput extends CitationInput {
  agencyId: string;
  topicId: string;
  /** The answering unit; empty: the officer's first unit. */
  unitId?: string;
  actor: AnswerActor;
  ip?: string;
}

type Deps = { handle: DatabaseHandle; clock: Clock };

/**
 * The answering unit (WB-1: its contact is shown with the answer): one of the officer's units; an
 * officer of every unit (supervisor, head, admin) may name any unit of the agency, or none.
 */
async function answeringUnit(
  trx: Db,
  input: Pick<DraftAnswerInput, "agencyId" | "unitId" | "actor">,
): Promise<string | null> {
  const { unitIds, roles } = input.actor;
  const wanted = input.unitId?.trim() || unitIds[0] || "";
  const everyUnit = roles.some((r) => r === "supervisor" || r === "head_of_agency" || r === "admin");
  // An officer of no unit and no agency-wide role would write an answer no one of theirs could see.
  if (!wanted && everyUnit) return null;
  if (unitIds.includes(wanted)) return wanted;
  if (everyUnit && (await findUnit(trx, input.agencyId, wanted))) return wanted;
  throw new AppError("ANSWER_UNIT_INVALID", {}, { field: "unitId" });
}

async function todayOf(trx: Db, agencyId: string, at: Date): Promise<string> {
  const agency = await findAgency(trx, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  return toLocal(at, agency.timeZone).date;
}

/**
 * WB-3: an officer drafts an answer to a topic with its citation (checked by `checkCitation`); it is
 * not public until approved. Writes the row, its first event and the audit row together. Throws
 * ANSWER_TOPIC_NOT_FOUND (unknown or hidden topic), ANSWER_UNIT_INVALID, FORBIDDEN, and the citation's errors.
 */
export async function draftAnswer(deps: Deps, input: DraftAnswerInput): Promise<Answer> {
  if (!input.actor.roles.some((r) => ANSWER_DRAFTERS.includes(r))) throw new AppError("FORBIDDEN");
  const now = deps.clock.now();
  return withTransaction(deps.handle, async (trx) => {
    const topic = await findAnswerTopic(trx, input.agencyId, input.topicId);
    if (!topic || topic.status === "hidden") throw new AppError("ANSWER_TOPIC_NOT_FOUND");
    const citation = checkCitation(input, await todayOf(trx, input.agencyId, now));
    const at = now.toISOString();
    const row = {
      id: newId(),
      agency_id: input.agencyId,
      topic_id: topic.id,
      unit_id: await answeringUnit(trx, input),
      drafted_by: input.actor.staffId,
      body: citation.body,
      regulation: citation.regulation,
      regulation_effective_on: citation.regulationEffectiveOn,
      holds_as_of: citation.holdsAsOf,
      status: "draft" as const,
      decided_by: null,
      decided_at: null,
      return_reason: null,
      faq_entry_id: null,
      created_at: at,
      updated_at: at,
      published_at: null,
    };
    await trx.insertInto("webboard_answers").values(row).execute();
    const actor = auditActor(input.actor);
    await trx
      .insertInto("webboard_answer_events")
      .values({
        id: newId(),
        agency_id: input.agencyId,
        answer_id: row.id,
        action: "draft",
        from_status: null,
        to_status: "draft",
        reason: null,
        actor,
        at,
      })
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: "webboard.answer.draft",
      subjectType: "webboard_answer",
      subjectId: row.id,
      data: { topicId: topic.id, unitId: row.unit_id },
      ip: input.ip,
      at,
    });
    return answerOf(row);
  });
}

/** WB-3: edits a draft or returned answer (checked again as drafted), optionally submitting it for approval. */
export function editAnswer(
  deps: Deps,
  input: Omit<DraftAnswerInput, "topicId"> & {
    answerId: string;
    expectedUpdatedAt?: string;
    submit?: boolean;
  },
): Promise<Answer> {
  const now = deps.clock.now();
  return withTransaction(deps.handle, async (trx) => {
    const citation = checkCitation(input, await todayOf(trx, input.agencyId, now));
    const common = { agencyId: input.agencyId, answerId: input.answerId, actor: input.actor, ip: input.ip };
    const edited = await recordAnswerAction(trx, {
      ...common,
      action: "edit",
      at: now,
      expectedUpdatedAt: input.expectedUpdatedAt,
      changes: {
        body: citation.body,
        regulation: citation.regulation,
        regulation_effective_on: citation.regulationEffectiveOn,
        holds_as_of: citation.holdsAsOf,
        ...(input.unitId !== undefined && { unit_id: await answeringUnit(trx, input) }),
      },
    });
    return input.submit ? recordAnswerAction(trx, { ...common, action: "submit", at: now }) : edited;
  });
}
