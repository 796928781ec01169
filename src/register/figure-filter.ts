import { type Expression, type RawBuilder, sql } from "kysely";
import type { Db } from "../platform/db/database.js";

/**
 * #16 dashboards: what a dashboard figure counts. Times are ISO instants, `[from, to)`. The matters'
 * services come from the rooms that know them (forms: a matter's application; catalog: a version's
 * service), as a subquery of `(matter_id, service_id)` pairs, so that the figures group by service in SQL.
 */
export interface FigureFilter {
  agencyId: string;
  from: string;
  to: string;
  /** For "not acknowledged and already late": the moment the figures are taken. */
  now: string;
  /** RG-5: a unit-bound supervisor sees only matters of their units; undefined: the whole agency. */
  unitIds?: readonly string[];
  matterServices: Expression<{ matter_id: string; service_id: string }>;
  /** Only matters of this service. */
  serviceId?: string;
}

/** The unit and service conditions on a query whose matter is `m` and matter-service pair `ms`. */
export function scopeConditions(filter: FigureFilter): RawBuilder<unknown> {
  const units = filter.unitIds
    ? filter.unitIds.length
      ? sql`and m.unit_id in (${sql.join(filter.unitIds)})`
      : sql`and 1 = 0`
    : sql``;
  const service = filter.serviceId ? sql`and ms.service_id = ${filter.serviceId}` : sql``;
  return sql`${units} ${service}`;
}

/** The ids of the matters routed to these units (a satisfaction figure's scope for a unit supervisor). */
export function unitMatterIds(db: Db, agencyId: string, unitIds: readonly string[]) {
  return db
    .selectFrom("matters")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("unit_id", "in", unitIds.length ? [...unitIds] : [""]);
}

/** PostgreSQL's count and sum come back as strings. */
export const count = (value: unknown): number => Number(value ?? 0);
