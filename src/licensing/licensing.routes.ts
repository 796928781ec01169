import type { FastifyInstance } from "fastify";
import type { LicensingDeps } from "./licensing-deps.js";
// #15 register
import { publicRegisterRoutes } from "./public-register.routes.js";

/**
 * The licensing room's routes: the officers' licence pages (/office/licences/…), the applicant's licence
 * under the tracking link, the public verification page and register. Each part registers its own,
 * one line each.
 */
export async function licensingRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  void app;
  void deps;
  // #15 register
  await publicRegisterRoutes(app, deps);
}
