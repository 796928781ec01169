import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Lang } from "../platform/i18n/index.js";
import { newId } from "../platform/ids.js";
import { type Answers, assessLevels, type LiveState, overallLevel } from "./assess-levels.js";
import { type Assessment, insertAssessment } from "./assessments.repo.js";
import { findSurveyItem, SURVEY_ITEMS } from "./survey.js";
import { ANSWER_VALUES, type AnswerValue } from "./survey-types.js";

/** The longest note beside an answer (RD-1). */
export const MAX_NOTE_CHARS = 1000;

/**
 * RD-1: the survey's answers from a form, checked before anything is saved: every item answered with one
 * of have / none / in progress, its note at most 1,000 characters, and no field for an item the survey
 * does not have. A wrong one is refused (422) naming the item.
 */
export function parseAnswers(form: Record<string, unknown>, lang: Lang): Answers {
  for (const key of Object.keys(form)) {
    const m = /^(answer|note)\.(.+)$/.exec(key);
    if (m && !findSurveyItem(m[2] ?? ""))
      throw new AppError("READINESS_ITEM_UNKNOWN", { item: m[2] ?? "" }, { field: key });
  }
  const answers: Answers = {};
  for (const item of SURVEY_ITEMS) {
    const value = form[`answer.${item.id}`];
    const note = form[`note.${item.id}`] ?? "";
    if (typeof value !== "string" || !ANSWER_VALUES.includes(value as AnswerValue))
      throw new AppError(
        "READINESS_ANSWER_INVALID",
        { item: item.title[lang] },
        { field: `answer.${item.id}` },
      );
    if (typeof note !== "string" || note.length > MAX_NOTE_CHARS)
      throw new AppError(
        "READINESS_NOTE_INVALID",
        { item: item.title[lang], max: MAX_NOTE_CHARS },
        { field: `note.${item.id}` },
      );
    answers[item.id] = { value: value as AnswerValue, note: note.trim() };
  }
  return answers;
}

/** RD-1, RD-2: saves a new dated assessment (never overwriting an earlier one) and its audit row. */
export async function saveAssessment(
  handle: DatabaseHandle,
  input: { agencyId: string; answers: Answers; live: LiveState; at: Date },
  actor: { staffId: string; ip?: string },
): Promise<Assessment> {
  const levels = assessLevels(input.live, input.answers);
  const assessment: Assessment = {
    id: newId(),
    assessedAt: input.at,
    assessedBy: actor.staffId,
    answers: input.answers,
    live: input.live,
    overallLevel: overallLevel(levels),
  };
  await handle.db.transaction().execute(async (trx) => {
    await insertAssessment(trx, input.agencyId, assessment);
    // Ids and the level only: notes stay in the assessment, not copied into the audit trail.
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${actor.staffId}`,
      action: "readiness.assessment_saved",
      subjectType: "readiness_assessment",
      subjectId: assessment.id,
      data: { overallLevel: assessment.overallLevel },
      ip: actor.ip,
      at: input.at.toISOString(),
    });
  });
  return assessment;
}
