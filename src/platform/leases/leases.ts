import type { Db } from "../db/database.js";

/**
 * Leases in the database: the one way several processes on several machines agree who does a piece of
 * background work (a sweep, a mailbox's passes). Taking one is a single atomic upsert, so two processes
 * can never both believe they hold it; a holder that dies stops renewing and the lease runs out.
 */

/**
 * Takes the lease `name` for `owner` until `now + ms`, or renews it if `owner` already holds it. True when
 * `owner` holds it afterwards; false when another owner's lease has not run out.
 */
export async function acquireLease(
  db: Db,
  name: string,
  owner: string,
  ms: number,
  now: Date,
): Promise<boolean> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + ms).toISOString();
  const result = await db
    .insertInto("leases")
    .values({ name, owner, lease_until: until, acquired_at: nowIso })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet((eb) => ({
          lease_until: until,
          // Kept while the same owner renews, so an operator sees since when it has held the work.
          acquired_at: eb
            .case()
            .when("leases.owner", "=", owner)
            .then(eb.ref("leases.acquired_at"))
            .else(nowIso)
            .end(),
          owner,
        }))
        .where((eb) => eb.or([eb("leases.owner", "=", owner), eb("leases.lease_until", "<", nowIso)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives the lease up at once (a clean stop), so another process need not wait for it to run out. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom("leases").where("name", "=", name).where("owner", "=", owner).execute();
}

export interface LeaseRow {
  name: string;
  owner: string;
  leaseUntil: string;
  acquiredAt: string;
}

/** The leases whose names start with `prefix` (all when empty): for health pages and tests. */
export async function listLeases(db: Db, prefix = ""): Promise<LeaseRow[]> {
  let query = db.selectFrom("leases").selectAll().orderBy("name");
  if (prefix) query = query.where("name", ">=", prefix).where("name", "<", `${prefix}\uffff`);
  const rows = await query.execute();
  return rows.map((r) => ({
    name: r.name,
    owner: r.owner,
    leaseUntil: r.lease_until,
    acquiredAt: r.acquired_at,
  }));
}

/**
 * Runs `work` only if `owner` gets the lease `name`; returns undefined when someone else holds it. The
 * lease is left to run out rather than released, so a sweep done at one tick is not redone by another
 * process at once: `ms` is also the least time between two runs, whoever runs them.
 */
export async function runUnderLease<T>(
  db: Db,
  lease: { name: string; owner: string; ms: number; now: Date },
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (!(await acquireLease(db, lease.name, lease.owner, lease.ms, lease.now))) return undefined;
  return work();
}
