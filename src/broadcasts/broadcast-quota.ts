import { type LineQuota, readLineQuota } from "../intake/line/index.js";
import type { Db } from "../platform/db/database.js";
import { countSentSince } from "./broadcasts.repo.js";

export type QuotaState =
  | { state: "not_configured" }
  | { state: "unavailable" }
  | (LineQuota & { state: "ok"; remaining: number | null });

export type QuotaDeps = { db: Db; env: NodeJS.ProcessEnv };

/** How long the page trusts LINE's figures: the quota endpoints are rate-limited, the figures move slowly. */
export const QUOTA_CACHE_MS = 60_000;

/** #17 broadcasts (CH-10): LINE's month's quota, consumption and a broadcast's reach, read now. */
export async function readBroadcastQuota(deps: QuotaDeps, agencyId: string, now: Date): Promise<QuotaState> {
  let quota: LineQuota | "not_configured";
  try {
    quota = await readLineQuota(deps, agencyId, now);
  } catch {
    return { state: "unavailable" };
  }
  if (quota === "not_configured") return { state: "not_configured" };
  return {
    ...quota,
    state: "ok",
    remaining: quota.limit === null ? null : Math.max(0, quota.limit - quota.used),
  };
}

/** The same, cached per agency for QUOTA_CACHE_MS (the list and broadcast pages). */
export function cachedQuota(deps: QuotaDeps) {
  const cache = new Map<string, { at: number; value: QuotaState }>();
  return async (agencyId: string, now: Date): Promise<QuotaState> => {
    const hit = cache.get(agencyId);
    if (hit && now.getTime() - hit.at < QUOTA_CACHE_MS) return hit.value;
    const value = await readBroadcastQuota(deps, agencyId, now);
    cache.set(agencyId, { at: now.getTime(), value });
    return value;
  };
}

/** The first instant of the month in Bangkok, as LINE counts a month for a Thai account. */
export function monthStart(now: Date): string {
  const local = new Date(now.getTime() + 7 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 7 * 3600_000).toISOString();
}

/** What Borikan itself broadcast this month: the count kept in its own database. */
export const sentThisMonth = (db: Db, agencyId: string, now: Date) =>
  countSentSince(db, agencyId, monthStart(now));

/** Whether a broadcast reaching `reach` friends fits what is left of the month's quota. */
export const fitsQuota = (quota: QuotaState): boolean =>
  quota.state !== "ok" || quota.remaining === null || quota.reach === null || quota.reach <= quota.remaining;
