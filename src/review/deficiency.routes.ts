import type { FastifyInstance, FastifyRequest } from "fastify";
import { officerScope } from "../casework/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formList, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { findMatter } from "../register/index.js";
import { staffGuard } from "../staff/index.js";
import { approveAbandon } from "./abandon.js";
import { recordContactAttempt } from "./contact-attempts.js";
import { deficiencyPanel } from "./deficiency-panel.js";
import type { DeficiencyItem } from "./deficiency-records.repo.js";
import { DEFAULT_DEADLINE_DAYS, type OfficerActor, requestMoreInformation } from "./deficiency-request.js";

type MatterRequest = FastifyRequest<{ Params: { matterId: string } }>;

/** A form's `version`: the matter's version the page was drawn at; anything else is a stale form. */
function formVersion(body: Form): number {
  const text = formString(body.version, "version", 12);
  if (!/^\d{1,9}$/.test(text)) throw new AppError("MATTER_CHANGED", { version: "?" });
  return Number(text);
}

/** The checked checklist items, each with its problem and note (field names `problem.<id>`, `note.<id>`). */
function formItems(body: Form): DeficiencyItem[] {
  return formList(body.item, "item", 100, 50).map((documentId) => {
    const problem = formString(body[`problem.${documentId}`], "problem", 20) || "missing";
    if (problem !== "missing" && problem !== "defective") throw new AppError("DEFICIENCY_ITEMS_REQUIRED");
    return { documentId, problem, note: formString(body[`note.${documentId}`], "note", 500).trim() };
  });
}

/**
 * The officers' deficiency acts under `/office/matters/:matterId/deficiency` (RV-2, RV-3, LF-2, LF-3):
 * issue the record, record a contact attempt, approve closing as abandoned. Each answers 303 to the
 * matter page; refusals are the error page with their status (404 out of scope, 409 stale or not now).
 * `GET …/deficiency` shows the panel on a page of its own.
 */
export async function deficiencyRoutes(app: FastifyInstance, deps: { handle: DatabaseHandle; clock: Clock }) {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const officers = { preHandler: guard() };
  const panel = deficiencyPanel(deps);
  const officer = (req: FastifyRequest): OfficerActor => {
    const staff = req.staffSession!.staff;
    return { staffId: staff.id, roles: staff.roles, ...officerScope(staff), ip: req.ip };
  };
  const back = (req: MatterRequest) =>
    `${req.basePath}/office/matters/${encodeURIComponent(req.params.matterId)}`;
  const matterId = (req: MatterRequest) => formString(req.params.matterId, "matterId", 100);

  app.get<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/deficiency",
    officers,
    async (req, reply) => {
      const matter = await findMatter(deps.handle.db, req.agency.id, matterId(req));
      const { unitIds } = officer(req);
      if (!matter || (unitIds && !(matter.unitId && unitIds.includes(matter.unitId))))
        throw new AppError("MATTER_NOT_FOUND");
      const body = await panel(req, matter);
      if (!body) throw new AppError("DEFICIENCY_NOT_FOUND");
      return sendOfficePage(req, reply, `${t(req.lang, "deficiency.title")} ${matter.receiptNumber}`, body);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/deficiency",
    officers,
    async (req, reply) => {
      const body = asForm(req.body);
      const days = formString(body.deadlineDays, "deadlineDays", 6) || String(DEFAULT_DEADLINE_DAYS);
      await requestMoreInformation(
        deps,
        {
          agencyId: req.agency.id,
          matterId: matterId(req),
          expectedVersion: formVersion(body),
          items: formItems(body),
          deadlineDays: /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN,
          overrideReason: formString(body.overrideReason, "overrideReason", 2000) || undefined,
        },
        officer(req),
      );
      return reply.redirect(back(req), 303);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/deficiency/contact-attempts",
    officers,
    async (req, reply) => {
      const body = asForm(req.body);
      await recordContactAttempt(
        deps,
        {
          agencyId: req.agency.id,
          matterId: matterId(req),
          expectedVersion: formVersion(body),
          channel: formString(body.channel, "channel", 20),
          outcome: formString(body.outcome, "outcome", 20),
          note: formString(body.note, "note", 1000),
        },
        officer(req),
      );
      return reply.redirect(back(req), 303);
    },
  );

  app.post<{ Params: { matterId: string } }>(
    "/office/matters/:matterId/deficiency/abandon",
    officers,
    async (req, reply) => {
      const body = asForm(req.body);
      await approveAbandon(
        deps,
        {
          agencyId: req.agency.id,
          matterId: matterId(req),
          expectedVersion: formVersion(body),
          reason: formString(body.reason, "reason", 2000),
        },
        officer(req),
      );
      return reply.redirect(back(req), 303);
    },
  );
}
