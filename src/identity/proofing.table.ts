/** ID-2, ID-6: a one-time code sent to prove the applicant holds a phone (10 minutes, 5 attempts). */
export interface PhoneProofCodesTable {
  id: string;
  agency_id: string;
  matter_id: string;
  /** Sealed. */
  phone: string;
  phone_hmac: string;
  code_sha256: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  verified_at: string | null;
  used_at: string | null;
}
