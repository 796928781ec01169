import type { Generated, Selectable } from "kysely";

export interface StaffTable {
  id: string;
  agency_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  /** JSON array of Role. */
  roles: string;
  /** JSON array of unit ids. */
  unit_ids: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  failed_logins: Generated<number>;
  /** Wrong second-factor codes since the last completed sign-in (#9). */
  failed_totp: Generated<number>;
  locked_until: string | null;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface StaffSessionsTable {
  id: string;
  staff_id: string;
  agency_id: string;
  csrf_token: string;
  totp_pending: Generated<number>;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** WS-3: the last fresh password + code on this session (step-up), or null. */
  stepped_up_at: string | null;
}

/** Sign-in attempts per client address in the current window (#9). */
export interface SignInLimitsTable {
  address: string;
  window_started_at: string;
  attempts: number;
}

export type StaffRow = Selectable<StaffTable>;
export type StaffSessionRow = Selectable<StaffSessionsTable>;
