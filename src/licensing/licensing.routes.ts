import type { FastifyInstance } from "fastify";
// #16 backfill
import { backfillImportRoutes } from "./backfill-import.routes.js";
import { licenceDataRequestRoutes } from "./licence-data-request.routes.js";
import { licenceOfficeRoutes } from "./licence-office.routes.js";
import { licenceSettingsRoutes } from "./licence-settings.routes.js";
// #15 lifecycle
import { licencesOfficeRoutes } from "./licences-office.routes.js";
import type { LicensingDeps } from "./licensing-deps.js";
// #15 register
import { publicRegisterRoutes } from "./public-register.routes.js";
// #15 verify
import { verifyLicenceRoutes } from "./verify-licence.routes.js";

/**
 * The licensing room's routes: the officers' licence pages (/office/licences/…), the applicant's licence
 * under the tracking link, the public verification page and register. Each part registers its own,
 * one line each.
 */
export async function licensingRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  // #15 requests: the public request for a licence's data (LC-4)
  await licenceDataRequestRoutes(app, deps);
  // #15 verify: the public verification page (LC-3)
  await verifyLicenceRoutes(app, deps);
  // #15 issuance
  await licenceSettingsRoutes(app, deps);
  await licenceOfficeRoutes(app, deps);
  // #15 lifecycle: the officers' licence pages and acts
  await licencesOfficeRoutes(app, deps);
  void app;
  void deps;
  // #15 register
  await publicRegisterRoutes(app, deps);
  // #16 backfill: the import of the earlier register (PR-3)
  await backfillImportRoutes(app, deps);
}
