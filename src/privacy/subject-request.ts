import type { Db } from "../platform/db/database.js";
import type { DataSubjectRequestRow } from "./subject-requests.table.js";

/** A data-subject request as the pages and the use cases read it. */
export interface SubjectRequest {
  id: string;
  agencyId: string;
  matterId: string;
  entryId: string;
  kind: DataSubjectRequestRow["kind"];
  subjectAccountId: string | null;
  requester: string;
  proofKind: DataSubjectRequestRow["proof_kind"];
  proofRef: string | null;
  details: string;
  receivedAt: string;
  dueAt: string;
  status: DataSubjectRequestRow["status"];
  answer: string | null;
  refusalReason: string | null;
  exportKey: string | null;
  exportSha256: string | null;
  updatedAt: string;
}

export const subjectRequestOf = (r: DataSubjectRequestRow): SubjectRequest => ({
  id: r.id,
  agencyId: r.agency_id,
  matterId: r.matter_id,
  entryId: r.entry_id,
  kind: r.kind,
  subjectAccountId: r.subject_account_id,
  requester: r.requester,
  proofKind: r.proof_kind,
  proofRef: r.proof_ref,
  details: r.details,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  status: r.status,
  answer: r.answer,
  refusalReason: r.refusal_reason,
  exportKey: r.export_key,
  exportSha256: r.export_sha256,
  updatedAt: r.updated_at,
});

export async function findSubjectRequest(
  db: Db,
  agencyId: string,
  id: string,
): Promise<SubjectRequest | undefined> {
  const row = await db
    .selectFrom("data_subject_requests")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && subjectRequestOf(row);
}

/** The office list: open ones first, soonest due first; then the decided, newest first. */
export async function listSubjectRequests(db: Db, agencyId: string, limit = 200): Promise<SubjectRequest[]> {
  const rows = await db
    .selectFrom("data_subject_requests")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy((eb) => eb.case().when("status", "=", "open").then(0).else(1).end())
    .orderBy("due_at", "asc")
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
  return rows.map(subjectRequestOf);
}

/** A citizen's own requests: filed by their account or about it. */
export async function listCitizenSubjectRequests(
  db: Db,
  agencyId: string,
  accountId: string,
): Promise<SubjectRequest[]> {
  const rows = await db
    .selectFrom("data_subject_requests")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where((eb) =>
      eb.or([eb("requester", "=", `citizen:${accountId}`), eb("subject_account_id", "=", accountId)]),
    )
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(100)
    .execute();
  return rows.map(subjectRequestOf);
}
