import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";
import { count, type FigureFilter, serviceCondition, serviceLookup, unitCondition } from "./figure-filter.js";

/** Matters with a time limit decided (or ended) in the period, for one service. */
export interface ServiceLevelFigure {
  serviceId: string | null;
  decided: number;
  /** LF-1, RV-6: decided or ended no later than `due_at`. */
  onTime: number;
}

/**
 * #16 dashboards (LF-1): service-level compliance: matters with a due time whose decision (or end, if
 * never decided) fell in `[from, to)`, and how many of them by their due time. Matters still open are
 * not counted here (the work queue shows them at risk and overdue).
 */
export async function serviceLevelFigures(db: Db, filter: FigureFilter): Promise<ServiceLevelFigure[]> {
  const { from, to } = filter;
  const lookup = serviceLookup(db, filter, "m.id");
  const { rows } = await sql<{ service_id: string | null; decided: unknown; on_time: unknown }>`with ms as (
  select m.decided_at, m.ended_at, m.due_at, ${lookup.column} as service_id
  from matters m
  ${lookup.join}
  where m.agency_id = ${filter.agencyId} and m.due_at is not null
    and ((m.decided_at >= ${from} and m.decided_at < ${to})
      or (m.decided_at is null and m.ended_at >= ${from} and m.ended_at < ${to}))
    ${unitCondition(filter)}
)
select ms.service_id, count(*) as decided,
  sum(case when coalesce(ms.decided_at, ms.ended_at) <= ms.due_at then 1 else 0 end) as on_time
from ms
where 1 = 1 ${serviceCondition(filter)}
group by ms.service_id`.execute(db);
  return rows.map((r) => ({ serviceId: r.service_id, decided: count(r.decided), onTime: count(r.on_time) }));
}
