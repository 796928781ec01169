import { sql } from "kysely";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, isPostgres, withTransaction } from "../platform/db/database.js";
import { AUDIT_GENESIS_HASH, type AuditHead, auditRowHash, withHead } from "./audit-chain.js";
import { appendHeadLine } from "./audit-head-files.js";

// The sealer: numbers and hashes unsealed rows onto the chain (audit-chain.ts says how), then writes the head out.

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
