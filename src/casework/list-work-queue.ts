import type { Agency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import {
  decodeQueueCursor,
  encodeQueueCursor,
  listMatterQueue,
  type Matter,
  QUEUE_VIEWS,
  type QueueView,
} from "../register/index.js";
import { isSaraban, officerScope } from "./officer-scope.js";
import { atRiskBefore, type ClockState, clockState } from "./service-level.js";
import type { CaseworkOfficer } from "./take-matter-action.js";

export const QUEUE_PAGE_SIZE = 50;

export interface WorkQueueRequest {
  view?: string;
  unitId?: string;
  after?: string;
  limit?: number;
}

export interface WorkQueue {
  view: QueueView;
  /** The views this officer may open (the saraban's "not yet routed" for saraban officers and leads). */
  views: QueueView[];
  unitId?: string;
  rows: { matter: Matter; clock: ClockState }[];
  /** The cursor of the next page, if there is one. */
  next?: string;
}

/**
 * RV-1, RG-5, RV-6: a page of an officer's work queue, first come first served, within their scope.
 * What the query asks beyond it (another unit, a view not theirs, a broken cursor) falls back to the
 * default rather than failing: a queue is only ever narrowed by what is asked.
 */
export async function listWorkQueue(
  db: Db,
  agency: Agency,
  officer: CaseworkOfficer,
  request: WorkQueueRequest,
): Promise<WorkQueue> {
  const scope = officerScope(officer);
  const views = QUEUE_VIEWS.filter((v) => v !== "unrouted" || !scope.unitIds || isSaraban(officer));
  const view = views.find((v) => v === request.view) ?? "all";
  const unitId =
    request.unitId && (!scope.unitIds || scope.unitIds.includes(request.unitId)) ? request.unitId : undefined;
  const calendar = await loadBusinessCalendar(db, agency);
  const now = officer.at;
  const limit = Math.min(Math.max(1, request.limit ?? QUEUE_PAGE_SIZE), 200);
  const page = await listMatterQueue(
    db,
    {
      agencyId: agency.id,
      view,
      ...scope,
      unitId,
      staffId: officer.staffId,
      now,
      atRiskBefore: atRiskBefore(calendar, now),
    },
    { after: decodeQueueCursor(request.after), limit },
  );
  return {
    view,
    views,
    unitId,
    rows: page.matters.map((matter) => ({ matter, clock: clockState(calendar, matter, now) })),
    next: page.next && encodeQueueCursor(page.next),
  };
}
