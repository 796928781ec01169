import type { Db } from "../platform/db/database.js";
import { type Matter, matterFromRow } from "./matter.js";

/** #12 casework: which open matters a work queue lists (RV-1, RG-5, RV-6). */
export type QueueView = "unassigned" | "mine" | "all" | "at-risk" | "overdue" | "unrouted";

export const QUEUE_VIEWS: readonly QueueView[] = [
  "unassigned",
  "mine",
  "all",
  "at-risk",
  "overdue",
  "unrouted",
];

export interface QueueFilter {
  agencyId: string;
  view: QueueView;
  /** The officer's units (their scope); absent: the whole agency. */
  unitIds?: readonly string[];
  /** One unit of those (the filter of agency-wide officers). */
  unitId?: string;
  /** The officer asking (`mine`). */
  staffId: string;
  now: Date;
  /** RV-6: the end of the at-risk window (2 business days of the agency's calendar from now). */
  atRiskBefore: Date;
}

/**
 * Keyset position: the last row's sort key (its clock's start, first come first served; its due time
 * in the at-risk and overdue lists, most urgent first), then its id.
 */
export interface QueueCursor {
  key: string;
  id: string;
}

export const encodeQueueCursor = (c: QueueCursor) => Buffer.from(`${c.key}|${c.id}`).toString("base64url");

export function decodeQueueCursor(text: string | undefined): QueueCursor | undefined {
  if (!text || text.length > 200) return undefined;
  const [key, id, extra] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (extra !== undefined || !key || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(key)) return undefined;
  if (!id || !/^[\w-]{1,64}$/.test(id)) return undefined;
  return { key, id };
}

/** RV-1: queues go by the clock's start; RV-6's lists by the due time (scanned along their own index). */
const sortColumn = (view: QueueView) =>
  view === "at-risk" || view === "overdue" ? ("due_at" as const) : ("clock_start" as const);

/**
 * A page of a work queue: open matters (not ended) of the scope, oldest clock first (RV-1) — the at-risk
 * and overdue lists soonest due first — after the cursor. The partial indexes over open matters
 * (agency, unit, clock_start or due_at, id) keep each a range scan.
 */
export async function listMatterQueue(
  db: Db,
  filter: QueueFilter,
  page: { after?: QueueCursor; limit: number },
): Promise<{ matters: Matter[]; next?: QueueCursor }> {
  let query = db
    .selectFrom("matters")
    .selectAll()
    .where("agency_id", "=", filter.agencyId)
    .where("ended_at", "is", null);
  if (filter.view === "unrouted") query = query.where("unit_id", "is", null);
  else {
    if (filter.unitIds) query = query.where("unit_id", "in", [...filter.unitIds, ""]);
    if (filter.unitId) query = query.where("unit_id", "=", filter.unitId);
  }
  const now = filter.now.toISOString();
  if (filter.view === "unassigned") query = query.where("assigned_to", "is", null);
  if (filter.view === "mine") query = query.where("assigned_to", "=", filter.staffId);
  // RV-6, LF-1: a paused clock is neither at risk nor overdue; a decided matter has met its time.
  if (filter.view === "at-risk" || filter.view === "overdue")
    query = query.where("paused_at", "is", null).where("decided_at", "is", null);
  if (filter.view === "at-risk")
    query = query.where("due_at", ">", now).where("due_at", "<=", filter.atRiskBefore.toISOString());
  if (filter.view === "overdue") query = query.where("due_at", "<=", now);
  const column = sortColumn(filter.view);
  if (page.after) {
    const { key, id } = page.after;
    query = query.where((eb) =>
      eb.or([eb(column, ">", key), eb.and([eb(column, "=", key), eb("id", ">", id)])]),
    );
  }
  const rows = await query
    .orderBy(column)
    .orderBy("id")
    .limit(page.limit + 1)
    .execute();
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  const key = last?.[column];
  return {
    matters: rows.slice(0, page.limit).map(matterFromRow),
    next: last && key ? { key, id: last.id } : undefined,
  };
}

/**
 * RV-6: open matters of every agency whose clock ran out before `now` (running, undecided) and that were
 * never escalated, oldest due first: the escalation sweep's work.
 */
export async function listMattersToEscalate(db: Db, now: Date, limit: number): Promise<Matter[]> {
  const rows = await db
    .selectFrom("matters")
    .selectAll()
    .where("ended_at", "is", null)
    .where("paused_at", "is", null)
    .where("decided_at", "is", null)
    .where("due_at", "<=", now.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("matter_actions")
            .select("matter_actions.id")
            .whereRef("matter_actions.matter_id", "=", "matters.id")
            .where("matter_actions.action", "=", "escalate"),
        ),
      ),
    )
    .orderBy("due_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(matterFromRow);
}
