import { type Expression, type RawBuilder, sql } from "kysely";
import { type Db, isPostgres } from "../platform/db/database.js";

/**
 * #16 dashboards: what a dashboard figure counts. Times are ISO instants, `[from, to)`. The matters'
 * services come from the rooms that know them (forms: a matter's application; catalog: a version's
 * service), as a correlated lookup of one matter's service (through `applications(matter_id)`), so that
 * the figures group by service in SQL and their time follows the period, not the size of the register.
 */
export interface FigureFilter {
  agencyId: string;
  from: string;
  to: string;
  /** For "not acknowledged and already late": the moment the figures are taken. */
  now: string;
  /** RG-5: a unit-bound supervisor sees only matters of their units; undefined: the whole agency. */
  unitIds?: readonly string[];
  /** The service of the matter `matterId` (a column of the figure's row), null if not an application. */
  serviceOf: (matterId: Expression<string>) => Expression<{ service_id: string | null }>;
  /** The same as `(matter_id, service_id)` pairs of every application, for a hash join (PostgreSQL). */
  matterServices: Expression<{ matter_id: string; service_id: string }>;
  /** Only matters of this service. */
  serviceId?: string;
}

/** RG-5: the unit condition on a query whose matter is `m`. */
export function unitCondition(filter: FigureFilter): RawBuilder<unknown> {
  if (!filter.unitIds) return sql``;
  return filter.unitIds.length ? sql`and m.unit_id in (${sql.join(filter.unitIds)})` : sql`and 1 = 0`;
}

/** The service condition on a query whose matter-service pair is `ms`. */
export function serviceCondition(filter: FigureFilter): RawBuilder<unknown> {
  return filter.serviceId ? sql`and ms.service_id = ${filter.serviceId}` : sql``;
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

/**
 * A row's service: SQLite looks it up per row through `applications(matter_id)` (a join would scan and
 * index every application each time); PostgreSQL hash-joins the pairs, as a per-row lookup there inflates
 * the plan's cost past the JIT threshold and compiling costs more than the join.
 */
export function serviceLookup(db: Db, filter: FigureFilter, matterId: string) {
  return isPostgres(db)
    ? {
        column: sql`msj.service_id`,
        join: sql`left join ${filter.matterServices} as msj on msj.matter_id = ${sql.ref(matterId)}`,
      }
    : { column: sql`(${filter.serviceOf(sql.ref(matterId))})`, join: sql`` };
}
