import type { FastifyInstance, FastifyRequest } from "fastify";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { findStaffName, requireRecentAuth, staffGuard } from "../staff/index.js";
import { allowedActions } from "../workflow/index.js";
import { fitsQuota, type QuotaState, sentThisMonth } from "./broadcast-quota.js";
import {
  type BroadcastRoutesDeps,
  broadcastIdOf,
  contentOf,
  officerOf,
  versionOf,
} from "./broadcast-routes-support.js";
import {
  BROADCAST_DECISIONS,
  BROADCAST_STATUSES,
  BROADCAST_WRITERS,
  OFFICER_ACTIONS,
} from "./broadcast-statuses.js";
import { findBroadcast, listBroadcastEvents } from "./broadcasts.repo.js";
import { recordBroadcastAction } from "./record-broadcast-action.js";
import { sendBroadcast } from "./send-broadcast.js";
import { broadcastPageView } from "./views/broadcast-page.view.js";
import { editBroadcast } from "./write-broadcast.js";

type BroadcastRequest = FastifyRequest<{ Params: { id: string } }>;
type Deps = BroadcastRoutesDeps & { quotaOf: (agencyId: string, now: Date) => Promise<QuotaState> };

/**
 * #17 broadcasts (CH-10): `/office/broadcasts/:id` (texts, status, quota and cost, acts, history) and
 * its acts: edit, submit, cancel and send by the officers who write broadcasts; approve and return by a
 * supervisor, head of agency or admin after a fresh step-up (WS-3), never by its author or last editor.
 * Send goes only through `sendBroadcast`, which admits nothing but the approved content.
 */
export async function broadcastActsRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(BROADCAST_WRITERS);
  const pageOf = (req: BroadcastRequest) =>
    `${req.basePath}/office/broadcasts/${encodeURIComponent(req.params.id)}`;
  const found = async (req: BroadcastRequest) => {
    const broadcast = await findBroadcast(handle.db, req.agency.id, broadcastIdOf(req.params.id));
    if (!broadcast) throw new AppError("BROADCAST_NOT_FOUND");
    return broadcast;
  };
  const nameOf = async (actor: string) =>
    (actor.startsWith("staff:") && (await findStaffName(handle.db, actor.slice(6)))) || actor;

  app.get(
    "/office/broadcasts/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req: BroadcastRequest, reply) => {
      const broadcast = await found(req);
      const officer = officerOf(req);
      const now = clock.now();
      const quota = await deps.quotaOf(req.agency.id, now);
      const own = officer.staffId === broadcast.draftedBy || officer.staffId === broadcast.editedBy;
      const tooBig = !fitsQuota(quota);
      const actions = allowedActions(BROADCAST_STATUSES, broadcast.status, officer.roles).filter(
        (a) =>
          OFFICER_ACTIONS.includes(a) &&
          !(own && BROADCAST_DECISIONS.includes(a)) &&
          // An unconfigured channel (or a quota too small) offers no send button: it could not go out.
          !(a === "send" && (quota.state === "not_configured" || tooBig)),
      );
      const events = [];
      for (const e of await listBroadcastEvents(handle.db, broadcast.id))
        events.push({ ...e, actorName: await nameOf(e.actor) });
      const body = broadcastPageView(req, {
        broadcast,
        names: {
          draftedBy: await nameOf(`staff:${broadcast.draftedBy}`),
          editedBy: await nameOf(`staff:${broadcast.editedBy}`),
          approvedBy: broadcast.approvedBy ? await nameOf(`staff:${broadcast.approvedBy}`) : null,
        },
        events,
        actions,
        own,
        quota,
        ours: await sentThisMonth(handle.db, req.agency.id, now),
        tooBig,
      });
      return sendOfficePage(
        req,
        reply,
        t(req.lang, "broadcasts.page.title", { title: broadcast.title }),
        body,
      );
    },
  );

  const act = (req: BroadcastRequest) => ({
    agencyId: req.agency.id,
    broadcastId: broadcastIdOf(req.params.id),
    actor: officerOf(req),
    expectedVersion: versionOf(asForm(req.body)),
    ip: req.ip,
  });
  const plain = { schema: { hide: true }, preHandler: guard };

  app.post("/office/broadcasts/:id/edit", plain, async (req: BroadcastRequest, reply) => {
    await found(req);
    await editBroadcast(handle, { ...act(req), content: contentOf(asForm(req.body)), at: clock.now() });
    return reply.redirect(pageOf(req), 303);
  });

  for (const action of ["submit", "cancel"] as const)
    app.post(`/office/broadcasts/:id/${action}`, plain, async (req: BroadcastRequest, reply) => {
      await found(req);
      await withTransaction(handle, (trx) =>
        recordBroadcastAction(trx, { ...act(req), action, at: clock.now() }),
      );
      return reply.redirect(pageOf(req), 303);
    });

  const stepped = {
    schema: { hide: true },
    preHandler: [guard, requireRecentAuth(clock, (r) => pageOf(r as BroadcastRequest))],
  };
  for (const action of ["approve", "return"] as const)
    app.post(`/office/broadcasts/:id/${action}`, stepped, async (req: BroadcastRequest, reply) => {
      await found(req);
      const reason = formString(asForm(req.body).reason, "reason", 1000);
      await withTransaction(handle, (trx) =>
        recordBroadcastAction(trx, { ...act(req), action, reason, at: clock.now() }),
      );
      return reply.redirect(pageOf(req), 303);
    });

  app.post("/office/broadcasts/:id/send", plain, async (req: BroadcastRequest, reply) => {
    await found(req);
    await sendBroadcast(deps, act(req));
    return reply.redirect(pageOf(req), 303);
  });
}
