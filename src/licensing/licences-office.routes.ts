import type { FastifyInstance, FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import type { Text } from "../catalog/index.js";
import { AppError } from "../platform/errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { CASEWORK_ROLES, findStaffName, requireRecentAuth, staffGuard } from "../staff/index.js";
import type { Actor } from "../workflow/index.js";
import { amendLicence } from "./amend-licence.js";
import { changeLicenceStatus, STATUS_ACTIONS, type StatusAction } from "./change-licence-status.js";
import { canTakeLicenceAction } from "./check-licence-action.js";
import { type Licence, verificationUrl } from "./licence.js";
import { isLicenceStatus } from "./licence-labels.js";
import { licenceInScope, licenceUnits } from "./licence-scope.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { findLicence } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { listAgencyLicences, listLicenceEvents } from "./office-licences.repo.js";
import { renewLicence } from "./renew-licence.js";
import { licencePageView, type OfficerAction } from "./views/office-licence.view.js";
import { licenceListView } from "./views/office-licences.view.js";

type LicenceRequest = FastifyRequest<{ Params: { id: string; action?: string } }>;
const PAGE_SIZE = 50;
const OFFICER_ACTIONS: readonly OfficerAction[] = ["amend", "renew", "suspend", "reinstate", "revoke"];
const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

/** Ids are UUIDs: anything else names no licence (and never reaches the database). */
const licenceId = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError("LICENCE_NOT_FOUND");
  return id;
};

function expectedVersion(form: Form): number | undefined {
  const text = formString(form.expectedVersion, "expectedVersion", 12);
  if (text === "") return undefined;
  if (!/^\d{1,9}$/.test(text)) throw invalid("expectedVersion");
  return Number(text);
}

/** The amend form: the printed lines sent (`field.<key>`), the conditions one a line, a new last day. */
function amendment(form: Form, licence: Licence) {
  const fields: Record<string, string> = {};
  for (const field of licence.fields) {
    const value = form[`field.${field.key}`];
    if (value !== undefined) fields[field.key] = formString(value, `field.${field.key}`, 500);
  }
  const lines = formString(form.conditions, "conditions", 5000)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  // A condition kept as it was keeps its English too.
  const conditions: Text[] = lines.map((th) => licence.conditions.find((c) => c.th === th) ?? { th });
  const validUntil = formString(form.validUntil, "validUntil", 10).trim();
  return {
    fields,
    conditions: form.conditions === undefined ? undefined : conditions,
    // Left empty: unchanged (a licence is made valid until revoked only by its template).
    validUntil: validUntil === "" ? undefined : validUntil,
  };
}

/**
 * #15 lifecycle: the officers' licence pages. `/office/licences` lists the agency's licences (status
 * filter, search by number or holder, paginated); `/office/licences/:id` shows an edition with its
 * events and the forms of what the status table allows the officer; `POST /office/licences/:id/:action`
 * (amend, renew, suspend, reinstate, revoke) acts, with the CSRF token and a fresh step-up. Another
 * agency's licence is not found.
 */
export async function licencesOfficeRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(CASEWORK_ROLES);
  const pageOf = (req: LicenceRequest, id = req.params.id) =>
    `${req.basePath}/office/licences/${encodeURIComponent(id)}`;
  const actorOf = (req: FastifyRequest): Actor<LicenceActorRole> => {
    const staff = req.staffSession!.staff;
    return { kind: "staff", staffId: staff.id, roles: staff.roles };
  };

  app.get<{ Querystring: Record<string, unknown> }>(
    "/office/licences",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      const status = formString(req.query.status, "status", 20);
      if (status && !isLicenceStatus(status)) throw invalid("status");
      const q = formString(req.query.q, "q", 100).trim();
      const pageText = formString(req.query.page, "page", 6) || "1";
      if (!/^\d{1,6}$/.test(pageText) || Number(pageText) < 1) throw invalid("page");
      const page = Number(pageText);
      const { licences, total } = await listAgencyLicences(handle.db, req.agency.id, {
        status: status && isLicenceStatus(status) ? status : undefined,
        q,
        unitIds: licenceUnits(req.staffSession!.staff),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const body = licenceListView(req, { licences, total, page, pages, status, q });
      return sendOfficePage(req, reply, t(req.lang, "licence.office.title"), body);
    },
  );

  app.get(
    "/office/licences/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req: LicenceRequest, reply) => {
      const licence = await findLicence(handle.db, req.agency.id, licenceId(req.params.id));
      if (!licence || !licenceInScope(req.staffSession!.staff, licence))
        throw new AppError("LICENCE_NOT_FOUND");
      const names = new Map<string, string>();
      const events = [];
      for (const event of await listLicenceEvents(handle.db, req.agency.id, licence.id)) {
        if (!names.has(event.actor))
          names.set(
            event.actor,
            event.actor.startsWith("staff:")
              ? ((await findStaffName(handle.db, event.actor.slice(6))) ?? event.actor)
              : t(req.lang, "licence.office.system"),
          );
        events.push({ ...event, actorName: names.get(event.actor)! });
      }
      const actor = actorOf(req);
      const agency = await findAgency(handle.db, req.agency.id);
      const body = licencePageView(req, {
        licence,
        events,
        actions: OFFICER_ACTIONS.filter((a) => canTakeLicenceAction(licence, a, actor)),
        verifyUrl: agency?.licenceOrigin ? verificationUrl(agency.licenceOrigin, licence) : null,
      });
      return sendOfficePage(req, reply, `${licence.title.th} ${licence.number}`, body);
    },
  );

  app.post(
    "/office/licences/:id/:action",
    {
      schema: { hide: true },
      preHandler: [guard, requireRecentAuth(clock, (r) => pageOf(r as LicenceRequest))],
    },
    async (req: LicenceRequest, reply) => {
      const action = String(req.params.action);
      if (!OFFICER_ACTIONS.includes(action as OfficerAction)) throw new AppError("NOT_FOUND");
      const id = licenceId(req.params.id);
      // Another unit's licence is as unknown as another agency's.
      const scoped = await findLicence(handle.db, req.agency.id, id);
      if (!scoped || !licenceInScope(req.staffSession!.staff, scoped))
        throw new AppError("LICENCE_NOT_FOUND");
      const form = asForm(req.body);
      const common = {
        agencyId: req.agency.id,
        licenceId: id,
        actor: actorOf(req),
        at: clock.now(),
        expectedVersion: expectedVersion(form),
        ip: req.ip,
      };
      const reason = formString(form.reason, "reason", 2000);
      if (STATUS_ACTIONS.includes(action as StatusAction)) {
        await changeLicenceStatus(deps, { ...common, action: action as StatusAction, reason });
        return reply.redirect(pageOf(req), 303);
      }
      if (action === "renew") {
        const renewed = await renewLicence(deps, { ...common, reason });
        return reply.redirect(pageOf(req, renewed.id), 303);
      }
      const licence = await findLicence(handle.db, req.agency.id, id);
      if (!licence) throw new AppError("LICENCE_NOT_FOUND");
      const amended = await amendLicence(deps, { ...common, reason, ...amendment(form, licence) });
      return reply.redirect(pageOf(req, amended.id), 303);
    },
  );
}
