import { sql } from "kysely";
import type { Db } from "../platform/db/database.js";
import { count, type FigureFilter, serviceCondition, serviceLookup, unitCondition } from "./figure-filter.js";

/** Entries received in the period on one channel for one service (null: no service, e.g. a question). */
export interface EntryVolumeFigure {
  channel: string;
  serviceId: string | null;
  entries: number;
  /** CH-4: acknowledged by `acknowledge_by`. */
  acknowledgedOnTime: number;
  /** CH-4: acknowledged after `acknowledge_by`. */
  acknowledgedLate: number;
  /** CH-4: not acknowledged and `acknowledge_by` already passed. */
  unacknowledgedLate: number;
}

/**
 * #16 dashboards (CH-4): entries received in `[from, to)` by channel and service, with their
 * acknowledgement compliance, counted in one grouped scan of the period's entries.
 */
export async function entryVolumeFigures(db: Db, filter: FigureFilter): Promise<EntryVolumeFigure[]> {
  const lookup = serviceLookup(db, filter, "e.matter_id");
  const { rows } = await sql<{
    channel: string;
    service_id: string | null;
    entries: unknown;
    on_time: unknown;
    late: unknown;
    missing: unknown;
  }>`with ms as (
  select e.channel, e.acknowledged_at, e.acknowledge_by, ${lookup.column} as service_id
  from entries e
  join matters m on m.id = e.matter_id
  ${lookup.join}
  where e.agency_id = ${filter.agencyId} and e.received_at >= ${filter.from} and e.received_at < ${filter.to}
    ${unitCondition(filter)}
)
select ms.channel, ms.service_id, count(*) as entries,
  sum(case when ms.acknowledged_at is not null and ms.acknowledged_at <= ms.acknowledge_by then 1 else 0 end) as on_time,
  sum(case when ms.acknowledged_at > ms.acknowledge_by then 1 else 0 end) as late,
  sum(case when ms.acknowledged_at is null and ms.acknowledge_by < ${filter.now} then 1 else 0 end) as missing
from ms
where 1 = 1 ${serviceCondition(filter)}
group by ms.channel, ms.service_id`.execute(db);
  return rows.map((r) => ({
    channel: r.channel,
    serviceId: r.service_id,
    entries: count(r.entries),
    acknowledgedOnTime: count(r.on_time),
    acknowledgedLate: count(r.late),
    unacknowledgedLate: count(r.missing),
  }));
}
