import { type Expression, sql } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { SatisfactionFigure } from "./satisfaction-figures.js";

/**
 * #16 dashboards (TR-3): `satisfactionFigures` narrowed to one service and/or to the matters a
 * unit-bound supervisor may see (a subquery of matter ids from the register), grouped in SQL.
 */
export async function scopedSatisfactionFigures(
  db: Db,
  agencyId: string,
  range: { from: string; to: string },
  scope: { serviceId?: string; matterIds?: Expression<{ id: string }> } = {},
): Promise<SatisfactionFigure[]> {
  let query = db
    .selectFrom("satisfaction_ratings")
    .select(["service_id", "rating", db.fn.countAll<number>().as("n")])
    .where("agency_id", "=", agencyId)
    .where("created_at", ">=", range.from)
    .where("created_at", "<", range.to)
    .where("rating", ">=", 1)
    .where("rating", "<=", 5);
  if (scope.serviceId) query = query.where("service_id", "=", scope.serviceId);
  const matterIds = scope.matterIds;
  if (matterIds) query = query.where(sql<boolean>`matter_id in ${matterIds}`);
  const rows = await query.groupBy(["service_id", "rating"]).execute();
  const figures = new Map<string | null, SatisfactionFigure>();
  for (const row of rows) {
    const figure = figures.get(row.service_id) ?? {
      serviceId: row.service_id,
      count: 0,
      average: null,
      distribution: [0, 0, 0, 0, 0],
    };
    const n = Number(row.n);
    const i = Number(row.rating) - 1;
    figure.distribution[i] = (figure.distribution[i] ?? 0) + n;
    figure.count += n;
    figures.set(row.service_id, figure);
  }
  for (const figure of figures.values())
    figure.average = figure.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / figure.count;
  return [...figures.values()];
}
