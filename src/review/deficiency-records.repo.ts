import type { Db } from "../platform/db/database.js";
import type { DayKind } from "../workflow/index.js";
import type { DeficiencyRecordRow, DeficiencyRecordsTable } from "./deficiency.table.js";

/** One thing the applicant must still bring: a document of the manual's checklist (LF-3). */
export interface DeficiencyItem {
  documentId: string;
  problem: "missing" | "defective";
  note: string;
}

/** A deficiency record as the code reads it. */
export interface DeficiencyRecord {
  id: string;
  agencyId: string;
  matterId: string;
  applicationId: string;
  ordinal: number;
  items: DeficiencyItem[];
  deadline: Date;
  deadlineDays: number;
  deadlineKind: DayKind;
  letterId: string;
  officerAcknowledgedBy: string;
  officerAcknowledgedAt: Date;
  applicantAcknowledgedAt: Date | null;
  applicantAcknowledgedVia: string | null;
  fulfilledAt: Date | null;
  fulfilledEntryId: string | null;
  lapsedAt: Date | null;
  returnLetterId: string | null;
  overrideReason: string | null;
  overrideBy: string | null;
  createdAt: Date;
}

const date = (v: string | null) => (v === null ? null : new Date(v));

function recordFromRow(row: DeficiencyRecordRow): DeficiencyRecord {
  return {
    id: row.id,
    agencyId: row.agency_id,
    matterId: row.matter_id,
    applicationId: row.application_id,
    ordinal: Number(row.ordinal),
    items: JSON.parse(row.items) as DeficiencyItem[],
    deadline: new Date(row.deadline),
    deadlineDays: Number(row.deadline_days),
    deadlineKind: row.deadline_kind,
    letterId: row.letter_id,
    officerAcknowledgedBy: row.officer_acknowledged_by,
    officerAcknowledgedAt: new Date(row.officer_acknowledged_at),
    applicantAcknowledgedAt: date(row.applicant_acknowledged_at),
    applicantAcknowledgedVia: row.applicant_acknowledged_via,
    fulfilledAt: date(row.fulfilled_at),
    fulfilledEntryId: row.fulfilled_entry_id,
    lapsedAt: date(row.lapsed_at),
    returnLetterId: row.return_letter_id,
    overrideReason: row.override_reason,
    overrideBy: row.override_by,
    createdAt: new Date(row.created_at),
  };
}

export async function insertDeficiencyRecord(trx: Db, row: DeficiencyRecordsTable): Promise<void> {
  await trx.insertInto("deficiency_records").values(row).execute();
}

/** Every record of a matter, the first first. */
export async function listDeficiencyRecords(db: Db, matterId: string): Promise<DeficiencyRecord[]> {
  const rows = await db
    .selectFrom("deficiency_records")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("ordinal")
    .execute();
  return rows.map(recordFromRow);
}

/** The matter's latest record (the one in force), or undefined. */
export async function findLatestDeficiencyRecord(db: Db, matterId: string) {
  return (await listDeficiencyRecords(db, matterId)).at(-1);
}

/** Records still awaiting the applicant (neither fulfilled nor lapsed), every agency's: for the sweeps. */
export async function listOpenDeficiencyRecords(db: Db, limit = 500): Promise<DeficiencyRecord[]> {
  const rows = await db
    .selectFrom("deficiency_records")
    .selectAll()
    .where("fulfilled_at", "is", null)
    .where("lapsed_at", "is", null)
    .orderBy("deadline")
    .limit(limit)
    .execute();
  return rows.map(recordFromRow);
}

/** Writes what happened to an open record; only a record still open is touched (returns whether it was). */
export async function closeDeficiencyRecord(
  trx: Db,
  id: string,
  set: Partial<
    Pick<DeficiencyRecordsTable, "fulfilled_at" | "fulfilled_entry_id" | "lapsed_at" | "return_letter_id">
  >,
): Promise<boolean> {
  const result = await trx
    .updateTable("deficiency_records")
    .set(set)
    .where("id", "=", id)
    .where("fulfilled_at", "is", null)
    .where("lapsed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** RV-2: the applicant's acknowledgement; the first one counts. */
export async function markApplicantAcknowledged(
  trx: Db,
  id: string,
  at: string,
  via: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("deficiency_records")
    .set({ applicant_acknowledged_at: at, applicant_acknowledged_via: via })
    .where("id", "=", id)
    .where("applicant_acknowledged_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
