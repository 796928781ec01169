import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import { catalogAdminRoutes } from "./catalog-admin.routes.js";
import { catalogPublicRoutes } from "./catalog-public.routes.js";

/** #11: the catalogue's public pages (home page, service pages, manual exports) and its admin pages. */
export async function catalogRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock; limits: MultipartLimits },
) {
  await catalogPublicRoutes(app, { db: opts.handle.db });
  await catalogAdminRoutes(app, opts);
}
