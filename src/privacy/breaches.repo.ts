import type { Db } from "../platform/db/database.js";
import type { BreachRisk, BreachRow, BreachStatus } from "./breach.table.js";

/** PD-5: a breach as the pages and use cases read it. */
export interface Breach {
  id: string;
  agencyId: string;
  status: BreachStatus;
  occurredAt: string;
  awareAt: string;
  description: string;
  dataClasses: string[];
  peopleEstimate: number;
  risk: BreachRisk;
  measures: string;
  notNotifiableReason: string | null;
  regulatorNotifiedAt: string | null;
  subjectsToldAt: string | null;
  recordedBy: string;
  createdAt: string;
  updatedAt: string;
}

export const breachOf = (row: BreachRow): Breach => ({
  id: row.id,
  agencyId: row.agency_id,
  status: row.status,
  occurredAt: row.occurred_at,
  awareAt: row.aware_at,
  description: row.description,
  dataClasses: JSON.parse(row.data_classes) as string[],
  peopleEstimate: Number(row.people_estimate),
  risk: row.risk,
  measures: row.measures,
  notNotifiableReason: row.not_notifiable_reason,
  regulatorNotifiedAt: row.regulator_notified_at,
  subjectsToldAt: row.subjects_told_at,
  recordedBy: row.recorded_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function findBreach(db: Db, agencyId: string, id: string): Promise<Breach | undefined> {
  const row = await db
    .selectFrom("privacy_breaches")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && breachOf(row);
}

/** The agency's breaches, newest awareness first (a register is small: a few a year). */
export async function listBreaches(db: Db, agencyId: string, limit = 500): Promise<Breach[]> {
  const rows = await db
    .selectFrom("privacy_breaches")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("aware_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(breachOf);
}

export async function listBreachEvents(db: Db, agencyId: string, breachId: string) {
  return db
    .selectFrom("privacy_breach_events")
    .select(["action", "from_status", "to_status", "reason", "actor", "at"])
    .where("agency_id", "=", agencyId)
    .where("breach_id", "=", breachId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

export async function listBreachNotices(db: Db, agencyId: string, breachId: string) {
  return db
    .selectFrom("privacy_breach_notices")
    .select(["recipient", "method", "told_at", "note", "recorded_by"])
    .where("agency_id", "=", agencyId)
    .where("breach_id", "=", breachId)
    .orderBy("told_at")
    .orderBy("id")
    .execute();
}
