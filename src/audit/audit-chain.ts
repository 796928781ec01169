import fs from "node:fs";
import path from "node:path";
import { type Selectable, sql } from "kysely";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, isPostgres, withTransaction } from "../platform/db/database.js";
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

const withHead = (db: Db) => db.withTables<AuditChainTables>();

/** The head of the chain as the database holds it; undefined while nothing is sealed. */
export async function auditHead(handle: DatabaseHandle): Promise<AuditHead | undefined> {
  const head = await withHead(handle.db)
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirst();
  return head && head.seq > 0 ? { seq: head.seq, hash: head.hash } : undefined;
}

/** The calendar date in Bangkok (UTC+7 all year, no daylight saving) as YYYY-MM-DD. */
export const bangkokDate = (instant: Date): string =>
  new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The daily file the head is appended to: `<dir>/audit-head-YYYY-MM-DD.txt` (Bangkok date). */
export const auditHeadFile = (dir: string, instant: Date): string =>
  path.join(dir, `audit-head-${bangkokDate(instant)}.txt`);

const HEAD_FILE_NAME = /^audit-head-\d{4}-\d{2}-\d{2}\.txt$/;

/** True for the name of a daily head file (what backups copy and restore). */
export const isAuditHeadFileName = (name: string): boolean => HEAD_FILE_NAME.test(name);

/** One line per seal run: `<seq> <hash> <ISO time>`, flushed to disk before returning. */
function appendHeadLine(dir: string, instant: Date, head: AuditHead): void {
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(auditHeadFile(dir, instant), "a");
  try {
    fs.writeSync(fd, `${head.seq} ${head.hash} ${instant.toISOString()}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function lockHead(trx: Db, clock: Clock): Promise<AuditHead> {
  const db = withHead(trx);
  const select = () => {
    const query = db.selectFrom("audit_chain_head").select(["seq", "hash"]).where("id", "=", 1);
    return isPostgres(trx) ? query.forUpdate() : query;
  };
  const head = await select().executeTakeFirst();
  if (head) return head;
  // The migration creates the row; recreate it only for a chain that has nothing sealed yet.
  const sealed = await trx
    .selectFrom("audit_events")
    .select("id")
    .where("chain_seq", "is not", null)
    .limit(1)
    .executeTakeFirst();
  if (sealed) throw new Error("audit_chain_head has no row although audit rows are sealed: run audit verify");
  await db
    .insertInto("audit_chain_head")
    .values({ id: 1, seq: 0, hash: AUDIT_GENESIS_HASH, updated_at: clock.now().toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return select().executeTakeFirstOrThrow();
}

/** Seals up to `limit` rows in one transaction; returns how many and the head after them. */
async function sealBatch(
  handle: DatabaseHandle,
  clock: Clock,
  limit: number,
): Promise<{ sealed: number; head: AuditHead }> {
  return withTransaction(handle, async (trx) => {
    const head = await lockHead(trx, clock);
    const rows = await trx
      .selectFrom("audit_events")
      .select([
        "id",
        "agency_id",
        "actor",
        "action",
        "subject_type",
        "subject_id",
        "data",
        "ip",
        "created_at",
      ])
      .where("chain_seq", "is", null)
      .orderBy("created_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    if (rows.length === 0) return { sealed: 0, head };
    let { seq, hash } = head;
    const updates = rows.map((row) => {
      const prevHash = hash;
      seq += 1;
      hash = auditRowHash(row, seq, prevHash);
      return { id: row.id, chain_seq: seq, prev_hash: prevHash, hash };
    });
    if (isPostgres(trx)) {
      // One statement (one round trip) for the whole batch.
      const result = await sql`update audit_events as a
        set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
        from json_to_recordset(${JSON.stringify(updates)}::json) as v(id text, chain_seq integer, prev_hash text, hash text)
        where a.id = v.id and a.chain_seq is null`.execute(trx);
      if (Number(result.numAffectedRows) !== updates.length)
        throw new Error(`audit sealer: sealed ${result.numAffectedRows} rows of ${updates.length}`);
    } else {
      for (const u of updates) {
        const result = await trx
          .updateTable("audit_events")
          .set({ chain_seq: u.chain_seq, prev_hash: u.prev_hash, hash: u.hash })
          .where("id", "=", u.id)
          .where("chain_seq", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1)
          throw new Error(`audit sealer: row ${u.id} changed under it`);
      }
    }
    await withHead(trx)
      .updateTable("audit_chain_head")
      .set({ seq, hash, updated_at: clock.now().toISOString() })
      .where("id", "=", 1)
      .execute();
    return { sealed: rows.length, head: { seq, hash } };
  });
}

export interface SealOptions {
  clock: Clock;
  /** Where the daily head files go; without it the head is kept only in the database. */
  headFileDir?: string;
  /** Rows per transaction (default 500), so that the write lock is held briefly on SQLite. */
  batchSize?: number;
}

/**
 * Appends every unsealed audit row to the chain, a batch per transaction, and then appends the new
 * head to today's head file (Bangkok date) if anything was sealed. Safe to run from several processes
 * at once: the head row serializes them. Returns how many rows were sealed.
 */
export async function sealAuditTrail(handle: DatabaseHandle, options: SealOptions): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let total = 0;
  let head: AuditHead | undefined;
  try {
    for (;;) {
      const batch = await sealBatch(handle, options.clock, batchSize);
      if (batch.sealed === 0) break;
      total += batch.sealed;
      head = batch.head;
      if (batch.sealed < batchSize) break;
    }
  } finally {
    // Written after the commit, so the file never names a head that was rolled back; a crash before
    // this line leaves the file one run behind, which the verifier accepts (the chain goes past it).
    if (head && options.headFileDir) appendHeadLine(options.headFileDir, options.clock.now(), head);
  }
  return total;
}

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

interface HeadFileLine extends AuditHead {
  /** File and line, for messages. */
  where: string;
  at: string;
}

const HEAD_LINE = /^(\d+) ([0-9a-f]{64}) (\S+)$/;

/** The last `bytes` of a file, without the partial line it may start in. */
function readTail(file: string, bytes: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    return start === 0 ? text : text.slice(text.indexOf("\n") + 1);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The heads recorded outside the database: every line of the latest file (by the date in its name),
 * and the highest position of each earlier file (read from its end), so that a chain cut back past
 * an earlier day and sealed on anew is caught too, without reading every line ever written.
 */
function readHeadFiles(dir: string): { lines: HeadFileLine[]; problems: string[]; files: number } {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => HEAD_FILE_NAME.test(n))
        .sort()
    : [];
  const lines: HeadFileLine[] = [];
  const problems: string[] = [];
  names.forEach((name, index) => {
    const file = path.join(dir, name);
    const latest = index === names.length - 1;
    const parsed: HeadFileLine[] = [];
    (latest ? fs.readFileSync(file, "utf8") : readTail(file, 64 * 1024)).split("\n").forEach((text, i) => {
      const where = latest ? `${file} line ${i + 1}` : `${file} (its highest entry)`;
      if (text.trim() === "" || text.startsWith("#")) return;
      const match = HEAD_LINE.exec(text.trim());
      if (!match) problems.push(`${where} is not "<seq> <hash> <time>": ${text.slice(0, 200)}`);
      else parsed.push({ seq: Number(match[1]), hash: match[2]!, at: match[3]!, where });
    });
    if (latest) lines.push(...parsed);
    else {
      const highest = parsed.reduce<HeadFileLine | undefined>(
        (a, b) => (a && a.seq >= b.seq ? a : b),
        undefined,
      );
      if (highest) lines.push(highest);
    }
  });
  return { lines, problems, files: names.length };
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

export interface AuditSealer {
  /** Seals what is waiting now (joins a run already under way); returns how many rows were sealed. */
  sealNow(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

/** The worker loop that keeps the chain sealed; run it wherever the outbox worker runs. */
export function createAuditSealer(deps: {
  handle: DatabaseHandle;
  clock: Clock;
  headFileDir: string;
  log: (msg: string) => void;
}): AuditSealer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const sealNow = () => {
    running ??= sealAuditTrail(deps.handle, { clock: deps.clock, headFileDir: deps.headFileDir }).finally(
      () => {
        running = undefined;
      },
    );
    return running;
  };

  return {
    sealNow,
    start(intervalMs = 5000) {
      timer = setInterval(() => {
        sealNow().catch((error) => deps.log(`audit sealer: ${String(error)}`));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
