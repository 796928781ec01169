import { sql } from "kysely";
import { type Db, isPostgres } from "../platform/db/database.js";
import { count, type FigureFilter, serviceCondition, serviceLookup, unitCondition } from "./figure-filter.js";

/** Time matters spent in one status before leaving it, for one service. */
export interface StepTimeFigure {
  status: string;
  serviceId: string | null;
  /** Stays in the status that ended in the period. */
  count: number;
  medianSeconds: number;
  p90Seconds: number;
}

/**
 * #16 dashboards: time per step. Each matter action ends a stay in its `from_status` that began at the
 * previous action (or the matter's creation); stays that ended in `[from, to)` are ranked per status and
 * service, and the median and 90th percentile (nearest rank: the smallest value with at least half, or
 * nine tenths, of the stays at or below it) are picked in SQL. Stays still running are not counted.
 */
export async function stepTimeFigures(db: Db, filter: FigureFilter): Promise<StepTimeFigure[]> {
  const seconds = (column: string) =>
    isPostgres(db)
      ? sql`extract(epoch from cast(${sql.ref(column)} as timestamptz))`
      : sql`(julianday(${sql.ref(column)}) * 86400.0)`;
  const lookup = serviceLookup(db, filter, "a.matter_id");
  const { rows } = await sql<{
    status: string;
    service_id: string | null;
    n: unknown;
    median: unknown;
    p90: unknown;
  }>`with ms as (
  select a.from_status as status, ${lookup.column} as service_id,
    ${seconds("a.at")} - ${seconds("p.at")} as secs_after, ${seconds("a.at")} - ${seconds("m.created_at")} as secs_first
  from matter_actions a
  join matters m on m.id = a.matter_id
  left join matter_actions p on p.matter_id = a.matter_id and p.version = a.version - 1
  ${lookup.join}
  where a.agency_id = ${filter.agencyId} and a.at >= ${filter.from} and a.at < ${filter.to}
    ${unitCondition(filter)}
), stays as (
  select ms.status, ms.service_id, coalesce(ms.secs_after, ms.secs_first) as secs
  from ms
  where 1 = 1 ${serviceCondition(filter)}
), ranked as (
  select status, service_id, secs,
    row_number() over (partition by status, service_id order by secs) as rn,
    count(*) over (partition by status, service_id) as n
  from stays
)
select status, service_id, max(n) as n,
  min(case when 2 * rn >= n then secs end) as median,
  min(case when 10 * rn >= 9 * n then secs end) as p90
from ranked
group by status, service_id
order by service_id, status`.execute(db);
  return rows.map((r) => ({
    status: r.status,
    serviceId: r.service_id,
    count: count(r.n),
    medianSeconds: Math.round(Number(r.median)),
    p90Seconds: Math.round(Number(r.p90)),
  }));
}
