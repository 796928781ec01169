import { sql } from "kysely";
import { type Db, isPostgres } from "../src/platform/db/database.js";

/**
 * Bulk rows for the dashboard benchmark (#16): `entries` register entries over the two years before
 * `now`, with their matters (one in four has a second entry), applications on `versions` for 70% of the
 * matters, about four matter actions a matter, and a rating for one closed application matter in ten.
 * Written straight into the tables in batches (one transaction a batch): the dashboard only reads them.
 */
export interface DashboardBenchSeed {
  /** Service version id → its service id. */
  versions: { id: string; serviceId: string }[];
  unitIds: string[];
  now: Date;
  entries: number;
}

const DAY = 86_400_000;
const SPAN = 2 * 365 * DAY;
const BATCH = 1000;
const CHANNELS = ["web", "web", "web", "email", "line", "paper", "counter"];
const RATINGS = [5, 4, 5, 3, 4, 2, 5, 4, 1, 5];
const iso = (ms: number) => new Date(ms).toISOString();

/** Inserts `rows` in slices small enough for SQLite's and PostgreSQL's parameter limits. */
async function insertAll(db: Db, table: string, rows: Record<string, unknown>[]) {
  const per = Math.max(1, Math.floor(30_000 / Math.max(1, Object.keys(rows[0] ?? {}).length)));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + per) as never)
      .execute();
}

/** Makes the rows of matter `j` (its first entry being entry `e`); returns how many entries it has. */
function matterRows(
  seed: DashboardBenchSeed,
  j: number,
  e: number,
  at: number,
  out: Record<string, unknown[]>,
) {
  const id = `bm-${j}`;
  const nowMs = seed.now.getTime();
  const application = j % 10 < 7;
  const version = seed.versions[j % seed.versions.length]!;
  // Stays grow with the matter's number so that medians are not all alike.
  const step = (k: number) => (3 + ((j * 7 + k * 13) % 60)) * 3_600_000;
  const steps = [
    ["received", "in_review"],
    ["in_review", "pending_decision"],
    ["pending_decision", j % 9 === 0 ? "rejected" : "approved"],
    [j % 9 === 0 ? "rejected" : "approved", "closed"],
  ] as const;
  let t = at;
  let done = 0;
  for (const [k, [from, to]] of steps.entries()) {
    t += step(k);
    if (t > nowMs) break;
    out.actions!.push({
      id: `ba-${j}-${k + 1}`,
      agency_id: "demo",
      matter_id: id,
      version: k + 1,
      action: "bench",
      from_status: from,
      to_status: to,
      actor: "system:bench",
      at: iso(t),
      payload: "{}",
      visibility: "officers",
    });
    done = k + 1;
  }
  const decidedAt = done >= 3 ? iso(at + step(0) + step(1) + step(2)) : null;
  const endedAt = done >= 4 ? iso(t) : null;
  out.matters!.push({
    id,
    agency_id: "demo",
    receipt_number: `B-${e + 1}`,
    subject: "bench",
    status: done === 0 ? "received" : steps[done - 1]![1],
    created_at: iso(at),
    updated_at: iso(t),
    kind: application ? "application" : "general",
    unit_id: seed.unitIds[j % seed.unitIds.length] ?? null,
    due_at: application ? iso(at + 7 * DAY) : null,
    decided_at: decidedAt,
    ended_at: endedAt,
  });
  const count = j % 4 === 0 ? 2 : 1;
  for (let n = 0; n < count && e + n < seed.entries; n++) {
    const received = at + n * 2 * DAY;
    const late = (e + n) % 20;
    out.entries!.push({
      id: `be-${e + n}`,
      agency_id: "demo",
      matter_id: id,
      be_year: new Date(received).getUTCFullYear() + 543,
      sequence: e + n + 1,
      receipt_number: `B-${e + n + 1}`,
      received_at: iso(received),
      working_start: iso(received),
      acknowledge_by: iso(received + DAY),
      // 85% acknowledged in time, 10% late, 5% never.
      acknowledged_at: late === 0 ? null : late < 3 ? iso(received + 2 * DAY) : iso(received + 600_000),
      channel: CHANNELS[(e + n) % CHANNELS.length],
      sender_name: "ผู้ทดสอบ",
      subject: "bench",
      body: "",
      status: "registered",
      language: "th",
      created_at: iso(received),
    });
  }
  if (application)
    out.applications!.push({
      id: `bp-${j}`,
      agency_id: "demo",
      entry_id: `be-${e}`,
      matter_id: id,
      service_version_id: version.id,
      applicant_type: "person",
      applicant_name: "ผู้ทดสอบ",
      form_data: "{}",
      signature: "{}",
      created_at: iso(at),
      created_by: "system:bench",
    });
  if (application && endedAt && j % 10 === 3)
    out.ratings!.push({
      id: `br-${j}`,
      agency_id: "demo",
      matter_id: id,
      service_id: version.serviceId,
      rating: RATINGS[Math.floor(j / 10) % RATINGS.length],
      comment: null,
      channel: "web",
      created_at: iso(Date.parse(endedAt) + DAY),
    });
  return Math.min(count, seed.entries - e);
}

/**
 * Seeds the rows and returns the seconds taken. While it seeds, SQLite runs with synchronous=OFF and
 * PostgreSQL with synchronous_commit=off (and, for a superuser, without foreign-key triggers).
 */
export async function seedDashboardBench(db: Db, seed: DashboardBenchSeed): Promise<number> {
  const start = Date.now();
  const sqlite = !isPostgres(db);
  if (sqlite) await sql`pragma synchronous = OFF`.execute(db);
  const superuser =
    !sqlite &&
    (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(db))
      .rows[0]?.s === true;
  const matters = Math.ceil(seed.entries / 1.25);
  const t0 = seed.now.getTime() - SPAN;
  const last = seed.now.getTime() - 3_600_000;
  let e = 0;
  for (let j = 0; e < seed.entries; j += BATCH) {
    const out: Record<string, Record<string, unknown>[]> = {
      matters: [],
      entries: [],
      applications: [],
      actions: [],
      ratings: [],
    };
    for (let k = j; k < j + BATCH && e < seed.entries; k++)
      e += matterRows(seed, k, e, Math.min(t0 + Math.floor((k * SPAN) / matters), last), out);
    await db.transaction().execute(async (trx) => {
      if (!sqlite) await sql`set local synchronous_commit = off`.execute(trx);
      // The rows are consistent by construction; a superuser skips the per-row foreign-key triggers.
      if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
      await insertAll(trx, "matters", out.matters!);
      await insertAll(trx, "entries", out.entries!);
      if (out.applications!.length) await insertAll(trx, "applications", out.applications!);
      if (out.actions!.length) await insertAll(trx, "matter_actions", out.actions!);
      if (out.ratings!.length) await insertAll(trx, "satisfaction_ratings", out.ratings!);
    });
  }
  if (sqlite) await sql`pragma synchronous = FULL`.execute(db);
  // As autovacuum would have left a settled table: statistics, and PostgreSQL's visibility map, so
  // that the covering indexes are read without visiting the rows.
  await (sqlite ? sql`analyze` : sql`vacuum analyze`).execute(db);
  return (Date.now() - start) / 1000;
}
