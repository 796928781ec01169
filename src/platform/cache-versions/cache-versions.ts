import type { Db } from "../db/database.js";

/** How stale a process's view of the versions may be: a change is seen everywhere within this. */
export const CACHE_CHECK_MS = 1_000;

/**
 * Records that the data of `scope` changed: one atomic upsert on both databases. Call it in the
 * transaction that changes the data, so that the new version is visible exactly when the data is.
 */
export async function bumpCacheVersion(db: Db, scope: string, at: string): Promise<void> {
  await db
    .insertInto("cache_versions")
    .values({ scope, version: 1, changed_at: at })
    .onConflict((oc) =>
      oc
        .column("scope")
        .doUpdateSet((eb) => ({ version: eb("cache_versions.version", "+", 1), changed_at: at })),
    )
    .execute();
}

/** Every scope's version, in one query over a table of a few rows. */
export async function readCacheVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom("cache_versions").select(["scope", "version"]).execute();
  return new Map(rows.map((r) => [r.scope, Number(r.version)]));
}

/** What a process knows of the versions, checked against the database at most once per `checkMs`. */
export interface CacheVersions {
  /**
   * The scope's version (0 while never bumped). A cache reads this BEFORE it reads the data it keeps
   * under it, so a change committed in between makes it read again, never keep stale data as fresh.
   */
  current(scope: string): Promise<number>;
}

/** Versions read lazily: a process that serves nothing asks nothing; one that serves asks once a second. */
export function createCacheVersions(db: Db, checkMs = CACHE_CHECK_MS): CacheVersions {
  let known = new Map<string, number>();
  let checkedAt = Number.NEGATIVE_INFINITY;
  // One query in flight at a time, shared by every request that needs it meanwhile.
  let checking: Promise<void> | undefined;
  const check = () => {
    checking ??= (async () => {
      const startedAt = performance.now();
      try {
        known = await readCacheVersions(db);
        checkedAt = startedAt;
      } finally {
        checking = undefined;
      }
    })();
    return checking;
  };
  return {
    async current(scope) {
      if (performance.now() - checkedAt >= checkMs) await check();
      return known.get(scope) ?? 0;
    },
  };
}

const perDatabase = new WeakMap<Db, CacheVersions>();

/** The one view of the versions per database handle, shared by every cache of the process. */
export function cacheVersionsOf(db: Db): CacheVersions {
  let versions = perDatabase.get(db);
  if (!versions) {
    versions = createCacheVersions(db);
    perDatabase.set(db, versions);
  }
  return versions;
}
