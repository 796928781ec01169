import type { FastifyInstance } from "fastify";
import { licenceOfficeRoutes } from "./licence-office.routes.js";
import { licenceSettingsRoutes } from "./licence-settings.routes.js";
import type { LicensingDeps } from "./licensing-deps.js";

/**
 * The licensing room's routes: the officers' licence pages (/office/licences/…), the applicant's licence
 * under the tracking link, the public verification page and register. Each part registers its own,
 * one line each.
 */
export async function licensingRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  // #15 issuance
  await licenceSettingsRoutes(app, deps);
  await licenceOfficeRoutes(app, deps);
}
