import type { Db } from "../platform/db/database.js";
import { listDeficiencyRecords } from "./deficiency-records.repo.js";

/** What approval needs to know of a matter's deficiency records. */
export interface DeficiencyState {
  /** A record was issued. */
  requested: boolean;
  /** The latest record was answered (a new entry joined the matter in time). */
  fulfilled: boolean;
  /** The latest record's deadline. */
  deadline: Date | null;
}

/**
 * LF-3: once the applicant has brought what the record asked for, the application may not be refused
 * for incompleteness; approval asks this before a refusal whose reason is "incomplete".
 */
export async function deficiencyState(db: Db, matterId: string): Promise<DeficiencyState> {
  const latest = (await listDeficiencyRecords(db, matterId)).at(-1);
  return {
    requested: latest !== undefined,
    fulfilled: Boolean(latest?.fulfilledAt),
    deadline: latest?.deadline ?? null,
  };
}
