import type { DatabaseHandle } from "../platform/db/database.js";
import { AUDIT_GENESIS_HASH, auditRowHash, DEFAULT_UNSEALED_GRACE_MS, withHead } from "./audit-chain.js";
import { type HeadFileLine, readHeadFiles } from "./audit-head-files.js";

// The verifier: re-reads the whole chain against its hashes, its head row and the head files.

export interface VerifyOptions {
  /** The directory the sealer writes head files to; without it truncation at the end cannot be seen. */
  headFileDir?: string;
  /** The instant unsealed rows are judged against (default: now). */
  now?: Date;
  /** How long a row may wait for the sealer before it is reported (default 10 minutes). */
  unsealedGraceMs?: number;
  /** Rows read per query (default 2000). */
  pageSize?: number;
}

export interface VerifyResult {
  /** True when no problem was found. */
  ok: boolean;
  /** How many sealed rows were read and re-hashed. */
  checked: number;
  /** Evidence of tampering (or of a sealer that is not running); at most 100 listed, then a count. */
  problems: string[];
  /** Oddities that do not fail the check, e.g. a row sealed long after rows written later than it. */
  warnings: string[];
}

/**
 * Checks the whole audit trail: every sealed row re-hashed in chain order; positions 1…N without gaps
 * or duplicates; each prev_hash equal to the hash of the row before; the head row equal to the last
 * row; every line of the latest head file, and the highest line of each earlier one, matching the row
 * at its position, with the chain not ending before it (rows cut off the end, perhaps sealed on anew); no unsealed row older than the grace period (rows slipped in
 * behind the chain), and no row that lost its position but kept its hash.
 */
export async function verifyAuditTrail(
  handle: DatabaseHandle,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const db = handle.db;
  const grace = options.unsealedGraceMs ?? DEFAULT_UNSEALED_GRACE_MS;
  const pageSize = options.pageSize ?? 2000;
  const now = options.now ?? new Date();
  const problems: string[] = [];
  const warnings: string[] = [];
  let problemCount = 0;
  let warningCount = 0;
  const problem = (message: string) => {
    problemCount += 1;
    if (problems.length < 100) problems.push(message);
  };
  const warn = (message: string) => {
    warningCount += 1;
    if (warnings.length < 100) warnings.push(message);
  };

  const external = options.headFileDir ? readHeadFiles(options.headFileDir) : undefined;
  for (const p of external?.problems ?? []) problem(p);
  const recorded = new Map<number, HeadFileLine[]>();
  for (const line of external?.lines ?? []) recorded.set(line.seq, [...(recorded.get(line.seq) ?? []), line]);

  let checked = 0;
  let expectedSeq = 1;
  let prevHash: string | null = AUDIT_GENESIS_HASH;
  let last: { seq: number; hash: string | null } | undefined;
  let latestWritten = "";
  let cursor: [number, string] | undefined;
  for (;;) {
    let query = db.selectFrom("audit_events").selectAll().where("chain_seq", "is not", null);
    if (cursor) {
      const [seq, id] = cursor;
      query = query.where(({ eb, refTuple, tuple }) => eb(refTuple("chain_seq", "id"), ">", tuple(seq, id)));
    }
    const page = await query.orderBy("chain_seq").orderBy("id").limit(pageSize).execute();
    for (const row of page) {
      const seq = Number(row.chain_seq);
      const label = `audit row ${seq} (${row.id})`;
      checked += 1;
      if (last && seq === last.seq) problem(`${label}: a second row at the same position`);
      else if (seq !== expectedSeq)
        problem(
          seq > expectedSeq
            ? `${label}: position${seq - expectedSeq > 1 ? `s ${expectedSeq}…${seq - 1} are` : ` ${expectedSeq} is`} missing before it`
            : `${label}: out of sequence, ${expectedSeq} expected`,
        );
      if (row.prev_hash !== prevHash)
        problem(
          `${label}: does not link to the row before it (prev_hash ${row.prev_hash}, expected ${prevHash})`,
        );
      if (row.hash !== auditRowHash(row, seq, row.prev_hash))
        problem(`${label}: altered, its content no longer matches its hash`);
      for (const line of recorded.get(seq) ?? []) {
        if (line.hash !== row.hash)
          problem(`${label}: hash ${row.hash} differs from ${line.hash} recorded in ${line.where}`);
      }
      recorded.delete(seq);
      if (latestWritten && Date.parse(row.created_at) < Date.parse(latestWritten) - grace)
        warn(
          `${label}: written at ${row.created_at} but sealed after a row written at ${latestWritten}; inserted late with an earlier time?`,
        );
      if (row.created_at > latestWritten) latestWritten = row.created_at;
      expectedSeq = seq + 1;
      prevHash = row.hash;
      last = { seq, hash: row.hash };
    }
    const end = page.at(-1);
    if (!end || page.length < pageSize) break;
    cursor = [Number(end.chain_seq), end.id];
  }

  const lastSeq = last?.seq ?? 0;
  const lastHash = last ? last.hash : AUDIT_GENESIS_HASH;
  const head = await withHead(db)
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  if (!head) problem("audit_chain_head has no row");
  else if (head.seq !== lastSeq || head.hash !== lastHash)
    problem(
      `the chain head in the database (${head.seq} ${head.hash}) is not the last sealed row (${lastSeq} ${lastHash})`,
    );

  if (external) {
    if (external.files === 0 && lastSeq > 0)
      problem(
        `no head file (audit-head-YYYY-MM-DD.txt) in ${options.headFileDir}: the end of the chain cannot be checked`,
      );
    for (const line of [...recorded.values()].flat()) {
      problem(
        line.seq > lastSeq
          ? `the chain ends at ${lastSeq} but ${line.where} recorded ${line.seq} ${line.hash} at ${line.at}: rows were removed from the end`
          : `no row at position ${line.seq} recorded in ${line.where}`,
      );
    }
  }

  const cutoff = new Date(now.getTime() - grace).toISOString();
  const stale = db.selectFrom("audit_events").where("chain_seq", "is", null).where("created_at", "<", cutoff);
  const { count } = await stale
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  if (Number(count) > 0) {
    const oldest = await stale
      .select(["id", "created_at"])
      .orderBy("created_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    problem(
      `${count} audit row(s) older than ${Math.round(grace / 60_000)} minutes are not sealed (oldest ${oldest.id} at ${oldest.created_at}): the sealer is not running, or rows were inserted behind the chain`,
    );
  }
  const unchained = await db
    .selectFrom("audit_events")
    .select("id")
    .where("chain_seq", "is", null)
    .where((eb) => eb.or([eb("hash", "is not", null), eb("prev_hash", "is not", null)]))
    .limit(100)
    .execute();
  for (const row of unchained)
    problem(`audit row ${row.id}: has a hash but no position, taken out of the chain`);

  if (problemCount > problems.length) problems.push(`… and ${problemCount - problems.length} more problems`);
  if (warningCount > warnings.length) warnings.push(`… and ${warningCount - warnings.length} more warnings`);
  return { ok: problemCount === 0, checked, problems, warnings };
}
