import { sql } from "kysely";
import type { DatabaseHandle, Db } from "../../platform/db/database.js";
import type { LineEventRow } from "./line.table.js";

/*
 * #18 line: the stored events as a queue shared by every process. An event is taken with one conditional
 * UPDATE (portable to both databases) only when no earlier event of its chat is still pending or
 * processing, so a chat's events are handled one at a time in LINE's order by whichever process takes
 * them, while different chats run in parallel. A failed attempt to be retried stays `pending` (with the
 * time it may be retried in `lease_until`): it holds its chat's later events until it is done or failed.
 */

type Due = "abandoned" | "pending";

/** The due condition on the rows of `table`: a lease that ran out, or pending and past any retry time. */
function isDue(due: Due, table: string, nowIso: string) {
  const col = (name: string) => sql.ref(`${table}.${name}`);
  return due === "abandoned"
    ? sql`${col("status")} = 'processing' and ${col("lease_until")} < ${nowIso}`
    : sql`${col("status")} = 'pending' and (${col("lease_until")} is null or ${col("lease_until")} <= ${nowIso})`;
}

/**
 * The first due event in LINE's order whose chat has no earlier event still open. The `status in` is the
 * partial index's own condition, so SQLite uses that index; on PostgreSQL concurrent claimers skip the row
 * another is taking instead of all racing for the first.
 */
function firstFree(dialect: DatabaseHandle["dialect"], due: Due, nowIso: string) {
  return sql<{ id: string }>`select candidate.id from line_events candidate
    where ${isDue(due, "candidate", nowIso)}
      and not exists (select 1 from line_events earlier
        where earlier.agency_id = candidate.agency_id and earlier.chat_id = candidate.chat_id
          and earlier.status in ('pending', 'processing')
          and (earlier.event_at < candidate.event_at
            or (earlier.event_at = candidate.event_at and earlier.id < candidate.id)))
    order by candidate.event_at, candidate.id limit 1
    ${dialect === "postgres" ? sql`for update skip locked` : sql``}`;
}

/**
 * Leases the next event that may be handled until `leaseUntil`: first one left `processing` by a process
 * whose lease ran out (only ever a few are processing), then the first pending one that is due.
 * Undefined when none may be taken now.
 */
export async function claimNextLineEvent(
  handle: DatabaseHandle,
  nowIso: string,
  leaseUntil: string,
): Promise<LineEventRow | undefined> {
  const { db, dialect } = handle;
  for (const due of ["abandoned", "pending"] as const) {
    // PostgreSQL: a claim whose row changed under it (another took it) updates nothing: look again.
    for (let tries = 0; tries < 5; tries++) {
      const taken = await sql<{ id: string }>`update line_events
        set status = 'processing', lease_until = ${leaseUntil}, attempts = attempts + 1
        where id = (${firstFree(dialect, due, nowIso)}) and ${isDue(due, "line_events", nowIso)}
        returning id`.execute(db);
      const id = taken.rows[0]?.id;
      if (id) return db.selectFrom("line_events").selectAll().where("id", "=", id).executeTakeFirst();
      const left = await firstFree("sqlite", due, nowIso).execute(db);
      if (left.rows.length === 0) break;
    }
  }
  return undefined;
}

/** Extends the lease of an event still in hand; false when it is no longer this process's. */
export async function renewLineEventLease(
  db: Db,
  id: string,
  held: string,
  leaseUntil: string,
): Promise<boolean> {
  const renewed = await db
    .updateTable("line_events")
    .set({ lease_until: leaseUntil })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .where("lease_until", "=", held)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1;
}

/*
 * #18 opslog (RG-1, CH-10): the marks below name the lease they were taken under. A process that stalled
 * past its lease (another took the event over in the "abandoned" pass) updates nothing: its late failure
 * never sets a done event back to pending, its late done never hides a newer attempt's failure.
 */

/** The event handled under the lease `held`; false when that lease is no longer this process's. */
export async function markLineEventDone(db: Db, id: string, held: string, at: string): Promise<boolean> {
  const marked = await db
    .updateTable("line_events")
    .set({ status: "done", lease_until: null, processed_at: at })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .where("lease_until", "=", held)
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) === 1;
}

/**
 * A failed attempt under the lease `held`: pending again, to be retried from `retryAt`, or failed for good
 * (`retryAt` null). False when that lease is no longer this process's (nothing is changed).
 */
export async function markLineEventFailed(
  db: Db,
  id: string,
  held: string,
  retryAt: string | null,
  error: string,
): Promise<boolean> {
  const marked = await db
    .updateTable("line_events")
    .set({ status: retryAt ? "pending" : "failed", lease_until: retryAt, last_error: error.slice(0, 500) })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .where("lease_until", "=", held)
    .executeTakeFirst();
  return Number(marked.numUpdatedRows) === 1;
}
