import type { Db } from "../platform/db/database.js";
import { listMatterActions } from "../register/index.js";

/** The deficiency part's answer about a matter (review/index.ts `deficiencyState`). */
export interface DeficiencyState {
  requested: boolean;
  fulfilled: boolean;
  deadline: Date | null;
}

/** Read by the approval part before a refusal for incompleteness (LF-3). */
export type DeficiencyStateReader = (db: Db, matterId: string) => Promise<DeficiencyState>;

/**
 * Until the review part's `deficiencyState` is wired in by the app, the same facts read from the matter's
 * timeline: more information was requested, and the applicant answered it (resubmitted).
 */
export const timelineDeficiencyState: DeficiencyStateReader = async (db, matterId) => {
  const actions = await listMatterActions(db, matterId);
  const requested = actions.some((a) => a.action === "request-more-info");
  const fulfilled = requested && actions.some((a) => a.action === "resubmit");
  return { requested, fulfilled, deadline: null };
};
