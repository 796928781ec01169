import type { Selectable } from "kysely";

/** A citizen's account with one agency (optional for low-risk services). Personal columns are sealed. */
export interface CitizenAccountsTable {
  id: string;
  agency_id: string;
  display_name: string | null;
  /** Verified by a code, or asserted by ThaiD; `*_hmac` finds the account (and the person's matters). */
  email: string | null;
  email_hmac: string | null;
  phone: string | null;
  phone_hmac: string | null;
  /** From ThaiD's `pid` (checksum verified) or a proof an officer accepted. */
  national_id: string | null;
  national_id_hmac: string | null;
  /** A LINE user linked by a one-time link sent in the LINE chat. */
  line_user_id: string | null;
  line_linked_at: string | null;
  created_at: string;
  closed_at: string | null;
}

/** WS-3, ID-4: one sign-in: how (provider), the identity assurance the provider asserts, and when. */
export interface SignInsTable {
  id: string;
  agency_id: string;
  account_id: string;
  provider: "email-code" | "sms-code" | "thaid";
  ial: string | null;
  aal: string;
  at: string;
}

/** A citizen's session: the cookie holds a token; only its sha256 is the id. */
export interface CitizenSessionsTable {
  id: string;
  agency_id: string;
  account_id: string;
  sign_in_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export type ProofMethod = "thaid" | "evidence" | "video" | "certificate";
export type ProofStatus = "pending" | "proven" | "refused" | "withdrawn";

/** ID-2..6: evidence that a person is who they say, and what it reached; reused until it expires. */
export interface IdentityProofsTable {
  id: string;
  agency_id: string;
  account_id: string | null;
  national_id_hmac: string | null;
  method: ProofMethod;
  assurance: string;
  status: ProofStatus;
  evidence: string;
  checklist: string | null;
  matter_id: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  expires_at: string | null;
}

/** ID-1, ID-4: the assurance a matter's applicant reached and how (the proof it rests on). */
export interface MatterAssuranceTable {
  id: string;
  agency_id: string;
  matter_id: string;
  proof_id: string;
  assurance: string;
  method: string;
  recorded_by: string;
  recorded_at: string;
}

export type CitizenAccountRow = Selectable<CitizenAccountsTable>;
export type IdentityProofRow = Selectable<IdentityProofsTable>;
