import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { dashboardView } from "./dashboard.view.js";
import { parsePeriod } from "./dashboard-period.js";
import { figureCsv } from "./figure-csv.js";
import { FIGURE_IDS, type FigureId, figureTables } from "./figure-tables.js";
import { dashboardUnits, loadDashboard } from "./load-dashboard.js";

export interface DashboardDeps {
  handle: DatabaseHandle;
  clock: Clock;
}

/** Who sees the figures: supervisors (their units', if bound to units), the head of agency, admins. */
export const DASHBOARD_ROLES = ["supervisor", "head_of_agency", "admin"] as const;

type DashboardRoute = { Querystring: Record<string, unknown>; Params: { file?: string } };
type DashboardRequest = FastifyRequest<DashboardRoute>;

/**
 * #16 dashboards: `GET /office/dashboard` (charts, tables, the period and service chooser) and
 * `GET /office/dashboard/<figure>.csv` (one figure, UTF-8 with BOM). Both read the same query: `period`
 * (this-month, last-month, fiscal-year, custom with `from` and `to`) and `service` (one of the agency's).
 * Bad choices are a 400 in the officer's language; other roles get 403.
 */
export async function dashboardRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(DASHBOARD_ROLES);

  async function figuresOf(req: DashboardRequest) {
    const query = {
      period: formString(req.query.period, "period", 20),
      from: formString(req.query.from, "from", 20),
      to: formString(req.query.to, "to", 20),
      service: formString(req.query.service, "service", 100),
    };
    const now = clock.now();
    const period = parsePeriod(query, now, req.agency.timeZone);
    const services = (await listServices(handle.db, req.agency.id)).map((s) => ({
      id: s.id,
      name: (req.lang === "en" ? s.name.en : undefined) ?? s.name.th,
    }));
    // An unknown service is a bad choice (400), never an empty dashboard that looks like a real one.
    if (query.service && !services.some((s) => s.id === query.service))
      throw new AppError("DASHBOARD_QUERY_INVALID", { detail: "service" }, { field: "service" });
    const staff = req.staffSession!.staff;
    const figures = await loadDashboard(handle.db, {
      agencyId: req.agency.id,
      viewer: staff,
      range: period,
      now,
      serviceId: query.service || undefined,
    });
    const tables = figureTables(figures, req.lang, new Map(services.map((s) => [s.id, s.name])));
    const kept = new URLSearchParams(
      Object.entries(query).filter(
        ([k, v]) => v && (period.kind === "custom" || (k !== "from" && k !== "to")),
      ),
    ).toString();
    return {
      period,
      services,
      serviceId: query.service || undefined,
      tables,
      staff,
      query: kept ? `?${kept}` : "",
    };
  }

  app.get<DashboardRoute>(
    "/office/dashboard",
    { schema: { hide: true }, preHandler: guard },
    async (req: DashboardRequest, reply) => {
      const page = await figuresOf(req);
      const unitScoped = dashboardUnits(page.staff) !== undefined;
      return sendOfficePage(
        req,
        reply,
        t(req.lang, "dashboards.title"),
        dashboardView(req, { ...page, unitScoped }),
        {
          wide: true,
        },
      );
    },
  );

  app.get<DashboardRoute>(
    "/office/dashboard/:file",
    { schema: { hide: true }, preHandler: guard },
    async (req: DashboardRequest, reply: FastifyReply) => {
      const id = /^([a-z-]+)\.csv$/.exec(req.params.file ?? "")?.[1];
      if (!id || !FIGURE_IDS.includes(id as FigureId)) throw new AppError("NOT_FOUND");
      const { tables } = await figuresOf(req);
      const table = tables.find((one) => one.id === id)!;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="dashboard-${id}.csv"`)
        .header("cache-control", "no-store")
        .send(figureCsv(table));
    },
  );
}
