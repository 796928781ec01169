import type { Selectable } from "kysely";

/** PD-3: the rights a data subject asks to use (PDPA s.30–s.36; portability s.31). */
export type SubjectRequestKind = "access" | "portability" | "correction" | "deletion" | "objection";

/** open → answered (the right given) or refused (with its reasons, PD-3). */
export type SubjectRequestStatus = "open" | "answered" | "refused";

/** How the requester showed they may ask about the subject. */
export type SubjectProofKind = "self" | "delegation" | "officer";

/** #17 subjects (PD-3): one data-subject request, beside the register matter that carries it. */
export interface DataSubjectRequestsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  /** The entry that brought the request (web form, or a mail/LINE/paper entry an officer turned). */
  entry_id: string;
  kind: SubjectRequestKind;
  /** The citizen account the request is about; null when the person has no account here. */
  subject_account_id: string | null;
  /** `citizen:<id>` or `staff:<id>` (who filed or turned it). */
  requester: string;
  proof_kind: SubjectProofKind;
  /** The delegation's id, or the officer's note of the proof they saw (sealed). */
  proof_ref: string | null;
  /** What the requester asked, in their words (sealed). */
  details: string;
  received_at: string;
  /** received_at + 30 calendar days (PDPA s.30 paragraph 3). */
  due_at: string;
  status: SubjectRequestStatus;
  answer: string | null;
  refusal_reason: string | null;
  /** The export's file key once one is made (access, portability). */
  export_key: string | null;
  export_sha256: string | null;
  created_at: string;
  updated_at: string;
}
export type DataSubjectRequestRow = Selectable<DataSubjectRequestsTable>;

/** One act on a request: the history the office page shows. */
export interface DataSubjectRequestEventsTable {
  id: string;
  agency_id: string;
  request_id: string;
  action: string;
  from_status: SubjectRequestStatus | null;
  to_status: SubjectRequestStatus;
  actor: string;
  at: string;
}
