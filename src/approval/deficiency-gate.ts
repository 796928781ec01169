import type { Db } from "../platform/db/database.js";

/** The deficiency part's answer about a matter (review/index.ts `deficiencyState`). */
export interface DeficiencyState {
  requested: boolean;
  fulfilled: boolean;
  deadline: Date | null;
}

/** Read by the approval part before a refusal for incompleteness (LF-3). */
export type DeficiencyStateReader = (db: Db, matterId: string) => Promise<DeficiencyState>;
