import { cacheVersionsOf } from "../platform/cache-versions/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { findLiveNotices, NOTICES_SCOPE, type ServiceNotice } from "./notices.repo.js";

/** How long an agency's notices are kept in memory: a withdrawn notice is gone within this. */
export const NOTICE_CACHE_MS = 5_000;

/** A notice shown now: `current` while it applies, `upcoming` for an announced downtime not yet begun. */
export interface ShownNotice {
  notice: ServiceNotice;
  state: "current" | "upcoming";
}

export interface NoticeCache {
  /** The agency's notices shown at the clock's now (WS-4), from memory when fresh. */
  shown(agencyId: string): Promise<ShownNotice[]>;
  /** Drops the agency's cached notices (after a change made in this process). */
  forget(agencyId: string): void;
}

/** Which of the live notices are shown at `now`, in the order they start. */
export function shownAt(live: readonly ServiceNotice[], now: Date): ShownNotice[] {
  const at = now.toISOString();
  return live
    .filter((n) => n.shown_from <= at && (n.ends_at === null || n.ends_at > at))
    .map((notice) => ({ notice, state: notice.starts_at <= at ? "current" : "upcoming" }));
}

/**
 * The banner is on every request, so the agency's live notices are read once per few seconds, not per
 * request; the window itself is checked against the clock on every use, so it opens and closes on time.
 */
export function createNoticeCache(db: Db, clock: Clock, ttlMs = NOTICE_CACHE_MS): NoticeCache {
  const entries = new Map<string, { readAt: number; version: number; live: Promise<ServiceNotice[]> }>();
  // #18 shared: a notice posted or withdrawn through another process is seen within a second.
  const versions = cacheVersionsOf(db);
  return {
    async shown(agencyId) {
      const version = await versions.current(NOTICES_SCOPE);
      const now = clock.now();
      const cached = entries.get(agencyId);
      const fresh = cached && cached.version === version && performance.now() - cached.readAt < ttlMs;
      const entry = fresh
        ? cached
        : { readAt: performance.now(), version, live: findLiveNotices(db, agencyId, now) };
      if (!fresh) entries.set(agencyId, entry);
      try {
        return shownAt(await entry.live, now);
      } catch (error) {
        entries.delete(agencyId);
        throw error;
      }
    },
    forget(agencyId) {
      entries.delete(agencyId);
    },
  };
}

const caches = new WeakMap<Db, NoticeCache>();

/** The one cache of an app's database, shared by its route scopes (its hooks and its admin page). */
export function noticeCacheFor(db: Db, clock: Clock): NoticeCache {
  const known = caches.get(db);
  if (known) return known;
  const cache = createNoticeCache(db, clock);
  caches.set(db, cache);
  return cache;
}
