/** A one-time link, sent in the LINE chat, that ties its LINE user to a citizen account (15 minutes). */
export interface LineLinkTokensTable {
  /** sha256 (hex) of the token in the link. */
  id: string;
  agency_id: string;
  line_user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  account_id: string | null;
}
