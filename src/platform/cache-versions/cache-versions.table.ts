/** #18 shared: one kind of cached data and how often it changed (see the migration). */
export interface CacheVersionsTable {
  scope: string;
  version: number;
  changed_at: string;
}
