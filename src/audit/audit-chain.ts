import type { Selectable } from "kysely";
import type { DatabaseHandle, Db } from "../platform/db/database.js";
import { sha256Hex } from "../platform/ids.js";
import type { AuditChainTables, AuditEventsTable } from "./audit.table.js";

/*
 * The audit trail's hash chain (RG-4, SC-1, issue #3).
 *
 * Writers insert audit rows unsealed (chain columns null) in their own transactions and take no shared
 * lock for it. The sealer then, in one transaction holding the head row (`select … for update` on
 * PostgreSQL; on SQLite the transaction's write lock), numbers the unsealed rows in (created_at, id)
 * order from head.seq + 1, links each to the hash of the row before, hashes it and moves the head.
 * After the commit it appends the new head to a daily file outside the database, so that rows cut off
 * the end of the chain (with the head row "fixed" to match) are still caught by the verifier.
 */

/** prev_hash of the first row, and the head's hash while the chain is empty. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

/** First element of every hashed array: names the serialization, so that it can change one day. */
export const AUDIT_HASH_FORMAT = "borikan-audit-v1";

/** Unsealed rows older than this are reported by the verifier (default 10 minutes). */
export const DEFAULT_UNSEALED_GRACE_MS = 10 * 60_000;

type AuditContent = Pick<
  Selectable<AuditEventsTable>,
  "id" | "agency_id" | "actor" | "action" | "subject_type" | "subject_id" | "data" | "ip" | "created_at"
>;

/**
 * The hash of one audit row: lowercase hex SHA-256 of the UTF-8 bytes of
 *
 *   JSON.stringify(["borikan-audit-v1", chain_seq, prev_hash, id, agency_id, actor, action,
 *                   subject_type, subject_id, data, ip, created_at])
 *
 * i.e. a JSON array with no whitespace; chain_seq is a JSON number, every other value a JSON string
 * exactly as stored (null for a null agency_id or ip). `data` is hashed as its stored text, not
 * re-serialized. prev_hash is the hash of the row at chain_seq - 1, or 64 zeros for chain_seq 1.
 */
export function auditRowHash(row: AuditContent, chainSeq: number, prevHash: string | null): string {
  return sha256Hex(
    JSON.stringify([
      AUDIT_HASH_FORMAT,
      chainSeq,
      prevHash,
      row.id,
      row.agency_id,
      row.actor,
      row.action,
      row.subject_type,
      row.subject_id,
      row.data,
      row.ip,
      row.created_at,
    ]),
  );
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The database with the chain's head table, which `Database` does not list. */
export const withHead = (db: Db) => db.withTables<AuditChainTables>();

/** The head of the chain as the database holds it; undefined while nothing is sealed. */
export async function auditHead(handle: DatabaseHandle): Promise<AuditHead | undefined> {
  const head = await withHead(handle.db)
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  return head && head.seq > 0 ? { seq: head.seq, hash: head.hash } : undefined;
}
