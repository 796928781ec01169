// #18 shared: caches kept in memory by several processes, invalidated through versions in the database
export {
  bumpCacheVersion,
  CACHE_CHECK_MS,
  type CacheVersions,
  cacheVersionsOf,
  createCacheVersions,
  readCacheVersions,
} from "./cache-versions.js";
export type { CacheVersionsTable } from "./cache-versions.table.js";
