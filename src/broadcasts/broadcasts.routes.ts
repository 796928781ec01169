import type { FastifyInstance } from "fastify";
import { asForm } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { broadcastActsRoutes } from "./broadcast-acts.routes.js";
import { cachedQuota, sentThisMonth } from "./broadcast-quota.js";
import { type BroadcastRoutesDeps, contentOf, officerOf } from "./broadcast-routes-support.js";
import { BROADCAST_WRITERS } from "./broadcast-statuses.js";
import { listBroadcasts } from "./broadcasts.repo.js";
import { broadcastsListView, newBroadcastView } from "./views/broadcasts.view.js";
import { draftBroadcast } from "./write-broadcast.js";

/**
 * #17 broadcasts (CH-10): `/office/broadcasts` (the list with statuses and the month's LINE quota),
 * `/office/broadcasts/new` and its POST (an officer drafts one); the broadcast page and its acts are in
 * `broadcastActsRoutes`. Only the roles that write broadcasts see any of it.
 */
export async function broadcastRoutes(app: FastifyInstance, deps: BroadcastRoutesDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(BROADCAST_WRITERS);
  const quotaOf = cachedQuota({ db: handle.db, env: deps.env });

  app.get("/office/broadcasts", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const now = clock.now();
    const body = broadcastsListView(req, {
      broadcasts: await listBroadcasts(handle.db, req.agency.id),
      quota: await quotaOf(req.agency.id, now),
      ours: await sentThisMonth(handle.db, req.agency.id, now),
    });
    return sendOfficePage(req, reply, t(req.lang, "broadcasts.title"), body);
  });

  app.get("/office/broadcasts/new", { schema: { hide: true }, preHandler: guard }, async (req, reply) =>
    sendOfficePage(req, reply, t(req.lang, "broadcasts.new"), newBroadcastView(req)),
  );

  app.post("/office/broadcasts", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const id = await draftBroadcast(handle, {
      agencyId: req.agency.id,
      actor: officerOf(req),
      content: contentOf(asForm(req.body)),
      at: clock.now(),
      ip: req.ip,
    });
    return reply.redirect(`${req.basePath}/office/broadcasts/${id}`, 303);
  });

  await broadcastActsRoutes(app, { ...deps, quotaOf });
}
