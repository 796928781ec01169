/** ID-4: a one-time code sent to an email address or a Thai mobile number (10 minutes, 5 tries). */
export interface SignInCodesTable {
  id: string;
  agency_id: string;
  channel: "email" | "sms";
  destination: string;
  destination_hmac: string;
  code_hmac: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** An OpenID Connect request sent to ThaiD, waiting for its callback (used once). */
export interface OidcRequestsTable {
  id: string;
  agency_id: string;
  nonce: string;
  code_verifier: string;
  return_path: string;
  account_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** SC-1: attempts per key (client address, destination) in a fixed window. */
export interface CitizenSignInLimitsTable {
  key: string;
  window_started_at: string;
  attempts: number;
}
