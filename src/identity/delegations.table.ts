import type { Selectable } from "kysely";

export type DelegationStatus = "pending" | "verified" | "refused";

/** FM-5: a person's authority to act for a company, checked by an officer and reused while valid. */
export interface DelegationsTable {
  id: string;
  agency_id: string;
  juristic_id_hmac: string;
  acting_id_hmac: string;
  acting_name: string | null;
  juristic_name: string | null;
  document_attachment_id: string | null;
  e_stamp_reference: string | null;
  status: DelegationStatus;
  valid_until: string | null;
  verified_by: string | null;
  verified_at: string | null;
  note: string | null;
  matter_id: string;
  created_at: string;
}

export type DelegationRow = Selectable<DelegationsTable>;
