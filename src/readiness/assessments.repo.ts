import type { Db } from "../platform/db/database.js";
import type { Answers, LiveState } from "./assess-levels.js";
import type { ReadinessAssessmentsTable } from "./readiness.table.js";
import type { Level } from "./survey-types.js";

/** A saved self-assessment, as it was on the day. */
export interface Assessment {
  id: string;
  assessedAt: Date;
  assessedBy: string;
  answers: Answers;
  live: LiveState;
  overallLevel: Level;
}

const assessmentOf = (row: ReadinessAssessmentsTable): Assessment => ({
  id: row.id,
  assessedAt: new Date(row.assessed_at),
  assessedBy: row.assessed_by,
  answers: JSON.parse(row.answers) as Answers,
  live: JSON.parse(row.live) as LiveState,
  overallLevel: row.overall_level as Level,
});

export async function insertAssessment(db: Db, agencyId: string, assessment: Assessment): Promise<void> {
  await db
    .insertInto("readiness_assessments")
    .values({
      id: assessment.id,
      agency_id: agencyId,
      assessed_at: assessment.assessedAt.toISOString(),
      assessed_by: assessment.assessedBy,
      answers: JSON.stringify(assessment.answers),
      live: JSON.stringify(assessment.live),
      overall_level: assessment.overallLevel,
    })
    .execute();
}

/** One of the agency's assessments; another agency's is not found. */
export async function findAssessment(db: Db, agencyId: string, id: string): Promise<Assessment | undefined> {
  const row = await db
    .selectFrom("readiness_assessments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && assessmentOf(row);
}

/** The agency's assessments, newest first (at most `limit`). */
export async function listAssessments(db: Db, agencyId: string, limit = 200): Promise<Assessment[]> {
  const rows = await db
    .selectFrom("readiness_assessments")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("assessed_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(assessmentOf);
}
