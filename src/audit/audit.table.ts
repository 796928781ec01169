export interface AuditEventsTable {
  id: string;
  agency_id: string | null;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON of what changed. */
  data: string;
  ip: string | null;
  created_at: string;
  /**
   * Hash chain (RG-4, issue #3). Rows are inserted without these (null) and the sealer appends them to
   * the chain later: position 1, 2, 3 … without gaps; the hash of the row before (the genesis hash
   * for position 1); and this row's hash (`auditRowHash` in audit-chain.ts).
   */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The chain's head: one row (id 1), the position and hash of the last sealed audit row. */
export interface AuditChainHeadTable {
  id: number;
  /** 0 while the chain is empty. */
  seq: number;
  /** The genesis hash (64 zeros) while the chain is empty. */
  hash: string;
  updated_at: string;
}

/**
 * The audit capability's tables that `Database` (platform/db/schema.ts) does not list; the chain code
 * reaches `audit_chain_head` through `db.withTables<AuditChainTables>()`.
 */
export type AuditChainTables = {
  audit_chain_head: AuditChainHeadTable;
};
