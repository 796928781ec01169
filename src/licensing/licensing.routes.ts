import type { FastifyInstance } from "fastify";
// #15 lifecycle
import { licencesOfficeRoutes } from "./licences-office.routes.js";
import type { LicensingDeps } from "./licensing-deps.js";

/**
 * The licensing room's routes: the officers' licence pages (/office/licences/…), the applicant's licence
 * under the tracking link, the public verification page and register. Each part registers its own,
 * one line each.
 */
export async function licensingRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  void app;
  void deps;
  // #15 lifecycle: the officers' licence pages and acts
  await licencesOfficeRoutes(app, deps);
}
