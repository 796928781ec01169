import type { Db } from "../platform/db/database.js";
import { isPostgres } from "../platform/db/database.js";
import { noticeFromRow, type PaymentNotice } from "./notice.js";
import type { StatementMapping } from "./statement-mapping.js";
import type { BankStatementRow, StatementLineRow, StatementLineState } from "./statements.table.js";

/** The saved mapping of an account's statements, or undefined before its first import. */
export async function findStatementMapping(
  db: Db,
  agencyId: string,
  accountId: string,
): Promise<StatementMapping | undefined> {
  const row = await db
    .selectFrom("statement_mappings")
    .select("mapping")
    .where("agency_id", "=", agencyId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row && (JSON.parse(row.mapping) as StatementMapping);
}

export async function saveStatementMapping(
  trx: Db,
  agencyId: string,
  accountId: string,
  mapping: StatementMapping,
  by: string,
  at: string,
): Promise<void> {
  const values = { mapping: JSON.stringify(mapping), updated_at: at, updated_by: by };
  const updated = await trx
    .updateTable("statement_mappings")
    .set(values)
    .where("agency_id", "=", agencyId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    await trx
      .insertInto("statement_mappings")
      .values({ account_id: accountId, agency_id: agencyId, ...values })
      .execute();
}

/** The statement already imported from these bytes, if any. */
export async function findStatementBySha256(db: Db, agencyId: string, sha256: string) {
  return db
    .selectFrom("bank_statements")
    .select(["id", "imported_at"])
    .where("agency_id", "=", agencyId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
}

/** The agency's statements, newest first. */
export async function listStatements(db: Db, agencyId: string, limit = 50): Promise<BankStatementRow[]> {
  return db
    .selectFrom("bank_statements")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("imported_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Which of these fingerprints the agency already has (lines of an overlapping statement). */
export async function existingFingerprints(
  db: Db,
  agencyId: string,
  fingerprints: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < fingerprints.length; i += 500) {
    const rows = await db
      .selectFrom("statement_lines")
      .select("fingerprint")
      .where("agency_id", "=", agencyId)
      .where("fingerprint", "in", fingerprints.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.fingerprint);
  }
  return found;
}

/** Lines of the agency in one of these states, oldest first. */
export async function listLinesInState(
  db: Db,
  agencyId: string,
  states: StatementLineState[],
  limit = 200,
): Promise<StatementLineRow[]> {
  return db
    .selectFrom("statement_lines")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("state", "in", states)
    .orderBy("posted_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** A line of the agency, locked for the transaction on PostgreSQL. */
export async function lockStatementLine(
  trx: Db,
  agencyId: string,
  lineId: string,
): Promise<StatementLineRow | undefined> {
  const query = trx
    .selectFrom("statement_lines")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", lineId);
  return (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
}

export async function setLineOutcome(
  trx: Db,
  line: Pick<StatementLineRow, "id" | "version">,
  outcome: {
    state: StatementLineState;
    noticeId?: string | null;
    paymentId?: string | null;
    resolvedBy?: string;
    resolvedAt?: string;
    note?: string | null;
  },
): Promise<void> {
  await trx
    .updateTable("statement_lines")
    .set({
      state: outcome.state,
      notice_id: outcome.noticeId ?? null,
      payment_id: outcome.paymentId ?? null,
      resolved_by: outcome.resolvedBy ?? null,
      resolved_at: outcome.resolvedAt ?? null,
      note: outcome.note ?? null,
      version: line.version + 1,
    })
    .where("id", "=", line.id)
    .execute();
}

/** The agency's notices named by these Ref1s, by Ref1 (one query for a batch of statement lines). */
export async function findNoticesByRef1s(
  db: Db,
  agencyId: string,
  ref1s: string[],
): Promise<Map<string, PaymentNotice>> {
  const found = new Map<string, PaymentNotice>();
  if (ref1s.length === 0) return found;
  const rows = await db
    .selectFrom("payment_notices")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("ref1", "in", ref1s)
    .execute();
  for (const row of rows) found.set(row.ref1, noticeFromRow(row));
  return found;
}
