import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { findStaffName, staffGuard } from "../staff/index.js";
import { allowedActions } from "../workflow/index.js";
import { BREACH_ROLES, BREACH_STATUSES, type BreachAction } from "./breach-statuses.js";
import { findBreach, listBreachEvents, listBreaches, listBreachNotices } from "./breaches.repo.js";
import type { PrivacyRecordsDeps } from "./processing-record.routes.js";
import { recordBreach } from "./record-breach.js";
import { type BreachActor, recordBreachAction } from "./record-breach-action.js";
import { breachView } from "./views/breach.view.js";
import { breachesView } from "./views/breaches.view.js";

type BreachRequest = FastifyRequest<{ Params: { id: string; action?: string } }>;
const ACTIONS: readonly BreachAction[] = [
  "assess",
  "notify_regulator",
  "not_notifiable",
  "tell_subjects",
  "close",
];

/** Ids are UUIDs: anything else names no breach (and never reaches the database). */
const breachId = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("BREACH_NOT_FOUND");
  return id;
};

/**
 * #17 privacy, PD-5: the breach register. `GET /office/privacy/breaches` (the list, overdue flagged, and
 * the form), `POST …/breaches` (record one), `GET …/breaches/:id` (facts, clock, tellings, history,
 * forms) and `POST …/breaches/:id/:action` (assess, notify_regulator, not_notifiable, tell_subjects,
 * close). Admins and the head of agency only; another agency's breach is not found.
 */
export async function breachRoutes(app: FastifyInstance, deps: PrivacyRecordsDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(BREACH_ROLES);
  const base = (req: FastifyRequest) => `${req.basePath}/office/privacy/breaches`;
  const actorOf = (req: FastifyRequest): BreachActor => {
    const staff = req.staffSession!.staff;
    return { kind: "staff", staffId: staff.id, roles: staff.roles };
  };

  app.get("/office/privacy/breaches", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const breaches = await listBreaches(handle.db, req.agency.id);
    return sendOfficePage(
      req,
      reply,
      t(req.lang, "privacy.breach.title"),
      breachesView(req, breaches, clock.now()),
      {
        wide: true,
      },
    );
  });

  app.post("/office/privacy/breaches", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const form = asForm(req.body);
    const breach = await recordBreach(handle, {
      agencyId: req.agency.id,
      timeZone: req.agency.timeZone,
      report: {
        occurredAt: form.occurredAt,
        awareAt: form.awareAt,
        description: form.description,
        dataClasses: form.dataClasses ?? [],
        peopleEstimate: form.peopleEstimate,
        risk: form.risk,
        measures: form.measures,
      },
      actor: actorOf(req),
      at: clock.now(),
      ip: req.ip,
    });
    return reply.redirect(`${base(req)}/${breach.id}`, 303);
  });

  app.get(
    "/office/privacy/breaches/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req: BreachRequest, reply) => {
      const breach = await findBreach(handle.db, req.agency.id, breachId(req.params.id));
      if (!breach) throw new AppError("BREACH_NOT_FOUND");
      const names = new Map<string, string>();
      const events = [];
      for (const e of await listBreachEvents(handle.db, req.agency.id, breach.id)) {
        if (!names.has(e.actor))
          names.set(
            e.actor,
            e.actor.startsWith("staff:")
              ? ((await findStaffName(handle.db, e.actor.slice(6))) ?? e.actor)
              : e.actor,
          );
        events.push({ ...e, actorName: names.get(e.actor)! });
      }
      const actor = actorOf(req);
      const body = breachView(req, {
        breach,
        events,
        notices: await listBreachNotices(handle.db, req.agency.id, breach.id),
        actions: allowedActions(BREACH_STATUSES, breach.status, actor.roles),
        now: clock.now(),
      });
      return sendOfficePage(req, reply, t(req.lang, "privacy.breach.title"), body);
    },
  );

  app.post(
    "/office/privacy/breaches/:id/:action",
    { schema: { hide: true }, preHandler: guard },
    async (req: BreachRequest, reply) => {
      const action = String(req.params.action) as BreachAction;
      if (!ACTIONS.includes(action)) throw new AppError("NOT_FOUND");
      const id = breachId(req.params.id);
      const form = asForm(req.body);
      const expected = formString(form.expectedUpdatedAt, "expectedUpdatedAt", 40);
      await recordBreachAction(handle, {
        agencyId: req.agency.id,
        breachId: id,
        action,
        actor: actorOf(req),
        at: clock.now(),
        timeZone: req.agency.timeZone,
        expectedUpdatedAt: expected || undefined,
        form,
        ip: req.ip,
      });
      return reply.redirect(`${base(req)}/${id}`, 303);
    },
  );
}
