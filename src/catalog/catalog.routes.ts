import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import type { MultipartLimits } from "../platform/http/multipart.js";
import { catalogAdminRoutes } from "./catalog-admin.routes.js";
import { catalogPublicRoutes } from "./catalog-public.routes.js";
import type { ServicePageSection } from "./service-page-section.js";

/** #11: the catalogue's public pages (home page, service pages, manual exports) and its admin pages. */
export async function catalogRoutes(
  app: FastifyInstance,
  opts: {
    handle: DatabaseHandle;
    clock: Clock;
    limits: MultipartLimits;
    /** #16: sections other rooms add to each service's page. */
    serviceSections?: readonly ServicePageSection[];
  },
) {
  await catalogPublicRoutes(app, { db: opts.handle.db, serviceSections: opts.serviceSections });
  await catalogAdminRoutes(app, opts);
}
