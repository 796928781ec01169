import type { Db } from "../platform/db/database.js";

export interface SatisfactionFigure {
  /** null: matters of no service (general requests). */
  serviceId: string | null;
  count: number;
  /** The mean rating, 1–5; null without ratings. */
  average: number | null;
  /** How many gave 1, 2, 3, 4 and 5 (index 0 is 1). */
  distribution: [number, number, number, number, number];
}

/** TR-3: ratings given in [from, to) (ISO instants), per service, for the dashboards. */
export async function satisfactionFigures(
  db: Db,
  agencyId: string,
  range: { from: string; to: string },
): Promise<SatisfactionFigure[]> {
  const rows = await db
    .selectFrom("satisfaction_ratings")
    .select(["service_id", "rating", db.fn.countAll<number>().as("n")])
    .where("agency_id", "=", agencyId)
    .where("created_at", ">=", range.from)
    .where("created_at", "<", range.to)
    .groupBy(["service_id", "rating"])
    .execute();
  const figures = new Map<string | null, SatisfactionFigure>();
  for (const row of rows) {
    const figure = figures.get(row.service_id) ?? {
      serviceId: row.service_id,
      count: 0,
      average: null,
      distribution: [0, 0, 0, 0, 0],
    };
    const rating = Number(row.rating);
    if (rating < 1 || rating > 5) continue;
    figure.distribution[rating - 1] = (figure.distribution[rating - 1] ?? 0) + Number(row.n);
    figure.count += Number(row.n);
    figures.set(row.service_id, figure);
  }
  for (const figure of figures.values())
    figure.average = figure.count
      ? figure.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / figure.count
      : null;
  return [...figures.values()];
}
