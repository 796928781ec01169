import type { Db } from "../platform/db/database.js";
import { insertSubjectRequestEvent } from "./record-subject-request-action.js";
import { subjectRequestDue } from "./subject-request-statuses.js";
import type { SubjectProofKind, SubjectRequestKind } from "./subject-requests.table.js";

/** What a new request is: its matter and entry, who asks about whom, and the proof that lets them. */
export interface OpenSubjectRequest {
  id: string;
  agencyId: string;
  matterId: string;
  entryId: string;
  kind: SubjectRequestKind;
  subjectAccountId: string | null;
  requester: string;
  proofKind: SubjectProofKind;
  proofRef: string | null;
  details: string;
  receivedAt: Date;
  at: string;
}

/**
 * PD-3: the request's row and its first history line, however it came (filed on the web or turned from an
 * entry); the 30 days run from the entry's receipt. The caller writes its own audit row.
 */
export async function insertOpenSubjectRequest(trx: Db, r: OpenSubjectRequest): Promise<void> {
  await trx
    .insertInto("data_subject_requests")
    .values({
      id: r.id,
      agency_id: r.agencyId,
      matter_id: r.matterId,
      entry_id: r.entryId,
      kind: r.kind,
      subject_account_id: r.subjectAccountId,
      requester: r.requester,
      proof_kind: r.proofKind,
      proof_ref: r.proofRef,
      details: r.details,
      received_at: r.receivedAt.toISOString(),
      due_at: subjectRequestDue(r.receivedAt).toISOString(),
      status: "open",
      answer: null,
      refusal_reason: null,
      export_key: null,
      export_sha256: null,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
  await insertSubjectRequestEvent(
    trx,
    { agencyId: r.agencyId, requestId: r.id, action: "file", from: null },
    "open",
    r.requester,
    r.at,
  );
}
