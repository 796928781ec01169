import type { FastifyInstance } from "fastify";
import { entryRoutes } from "./entry.routes.js";
import { entryActionRoutes } from "./entry-actions.routes.js";
import { registerPageRoutes } from "./register-page.routes.js";
import { type RegisterRoutesOptions, registerRouteContext } from "./register-routes.context.js";

/** The back office's register: the day's entries with their deadlines, checks, exports and officers' acts. */
export async function registerRoutes(app: FastifyInstance, opts: RegisterRoutesOptions) {
  const ctx = registerRouteContext(opts);
  registerPageRoutes(app, ctx);
  const showEntry = entryRoutes(app, ctx);
  entryActionRoutes(app, ctx, showEntry);
}
