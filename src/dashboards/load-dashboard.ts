import type { Expression } from "kysely";
import { versionServices } from "../catalog/index.js";
import { matterServiceVersions } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import {
  type EntryVolumeFigure,
  entryVolumeFigures,
  type FigureFilter,
  type ServiceLevelFigure,
  type StepTimeFigure,
  serviceLevelFigures,
  stepTimeFigures,
  unitMatterIds,
} from "../register/index.js";
import { type SatisfactionFigure, scopedSatisfactionFigures } from "../satisfaction/index.js";

/** Who looks at the dashboard: the roles decide whether they see the agency or their units. */
export interface DashboardViewer {
  roles: readonly string[];
  unitIds: readonly string[];
}

export interface DashboardFigures {
  volume: EntryVolumeFigure[];
  serviceLevel: ServiceLevelFigure[];
  stepTimes: StepTimeFigure[];
  satisfaction: SatisfactionFigure[];
}

/**
 * The head of agency and admins see the whole agency; a supervisor bound to units sees their units'
 * matters (RG-5), one bound to none the agency's.
 */
export function dashboardUnits(viewer: DashboardViewer): readonly string[] | undefined {
  if (viewer.roles.includes("head_of_agency") || viewer.roles.includes("admin")) return undefined;
  return viewer.unitIds.length ? viewer.unitIds : undefined;
}

/**
 * #16 dashboards: the figures of one period, each aggregated in SQL by the room owning its table; a
 * matter's service is a correlated lookup built from forms (applications) and catalog (versions).
 */
export async function loadDashboard(
  db: Db,
  request: {
    agencyId: string;
    viewer: DashboardViewer;
    range: { from: string; to: string };
    now: Date;
    serviceId?: string;
  },
): Promise<DashboardFigures> {
  const { agencyId, range, serviceId } = request;
  const unitIds = dashboardUnits(request.viewer);
  // min(): one service even if a matter holds two applications (each of its entries can become one).
  const serviceOf = (matterId: Expression<string>) =>
    matterServiceVersions(db, matterId)
      .clearSelect()
      .innerJoin(
        versionServices(db, agencyId).as("msv_v"),
        "msv_v.service_version_id",
        "msv_a.service_version_id",
      )
      .select((eb) => eb.fn.min("msv_v.service_id").as("service_id"));
  const matterServices = db
    .selectFrom(matterServiceVersions(db).as("a"))
    .innerJoin(versionServices(db, agencyId).as("v"), "v.service_version_id", "a.service_version_id")
    .select(["a.matter_id", "v.service_id"]);
  const filter: FigureFilter = {
    agencyId,
    ...range,
    now: request.now.toISOString(),
    unitIds,
    serviceOf,
    matterServices,
    serviceId,
  };
  // One at a time: a SQLite handle runs one query at a time anyway, and PostgreSQL's pool is shared.
  const volume = await entryVolumeFigures(db, filter);
  const serviceLevel = await serviceLevelFigures(db, filter);
  const stepTimes = await stepTimeFigures(db, filter);
  const satisfaction = await scopedSatisfactionFigures(db, agencyId, range, {
    serviceId,
    matterIds: unitIds ? unitMatterIds(db, agencyId, unitIds) : undefined,
  });
  return { volume, serviceLevel, stepTimes, satisfaction };
}
