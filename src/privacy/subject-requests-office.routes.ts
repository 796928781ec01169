import type { FastifyInstance, FastifyRequest } from "fastify";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { makePersonalExport } from "./personal-export.js";
import { recordSubjectRequestAction, type SubjectRequestOfficer } from "./record-subject-request-action.js";
import { findSubjectRequest, listSubjectRequests } from "./subject-request.js";
import {
  EXPORT_KINDS,
  SUBJECT_REQUEST_DECIDERS,
  SUBJECT_REQUEST_OFFICERS,
} from "./subject-request-statuses.js";
import type { SubjectRequestDeps } from "./subject-requests.routes.js";
import { officeRequestsView } from "./subject-requests-office.view.js";
import { turnEntryIntoSubjectRequest } from "./turn-entry-into-subject-request.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const officerOf = (req: FastifyRequest): SubjectRequestOfficer => {
  const staff = req.staffSession!.staff;
  return { kind: "staff", staffId: staff.id, roles: staff.roles };
};

/**
 * #17 subjects (PD-3): `/office/privacy/requests` lists the agency's requests with their clocks; an
 * officer of the register turns an entry into one; the agency-wide roles answer (an access request with
 * the export made then) or refuse with reasons, after a step-up (WS-3).
 */
export async function subjectRequestOfficeRoutes(app: FastifyInstance, deps: SubjectRequestDeps) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock);
  const list = `/office/privacy/requests`;

  app.get(
    list,
    { schema: { hide: true }, preHandler: guard(SUBJECT_REQUEST_OFFICERS) },
    async (req, reply) => {
      const rows = await listSubjectRequests(handle.db, req.agency.id);
      // The entry page links here with `?entry=`: the turn form comes filled in; anything else is ignored.
      const entry = (req.query as { entry?: unknown }).entry;
      const entryId = typeof entry === "string" && UUID.test(entry) ? entry : "";
      return sendOfficePage(
        req,
        reply,
        t(req.lang, "subjects.office.title"),
        officeRequestsView(req, rows, clock.now(), entryId),
        {
          wide: true,
        },
      );
    },
  );

  app.post(
    `${list}/turn`,
    { schema: { hide: true }, preHandler: guard(SUBJECT_REQUEST_OFFICERS) },
    async (req, reply) => {
      const form = asForm(req.body);
      const entryId = formString(form.entryId, "entryId", 36).trim();
      if (!UUID.test(entryId)) throw new AppError("ENTRY_NOT_FOUND");
      await withTransaction(handle, (trx) =>
        turnEntryIntoSubjectRequest(trx, {
          agencyId: req.agency.id,
          entryId,
          kind: formString(form.kind, "kind", 20),
          details: formString(form.details, "details", 4000),
          proofNote: formString(form.proofNote, "proofNote", 500),
          actor: officerOf(req),
          at: clock.now(),
          ip: req.ip,
        }),
      );
      return reply.redirect(`${req.basePath}${list}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    `${list}/:id/decide`,
    {
      schema: { hide: true },
      preHandler: [guard(SUBJECT_REQUEST_DECIDERS), requireRecentAuth(clock, (r) => `${r.basePath}${list}`)],
    },
    async (req, reply) => {
      if (!UUID.test(req.params.id)) throw new AppError("SUBJECTS_NOT_FOUND");
      const form = asForm(req.body);
      const action = formString(form.action, "action", 10);
      if (action !== "answer" && action !== "refuse")
        throw new AppError("VALIDATION_FAILED", { detail: "action" });
      const request = await findSubjectRequest(handle.db, req.agency.id, req.params.id);
      if (!request) throw new AppError("SUBJECTS_NOT_FOUND");
      const text = formString(form.text, "text", 4000);
      // The export is made before the transaction (files are written outside it); only a request that is
      // then answered points at it.
      const exported =
        action === "answer" && request.status === "open" && text.trim() && EXPORT_KINDS.includes(request.kind)
          ? await makePersonalExport(
              handle.db,
              deps.files,
              deps.identity,
              request,
              clock.now(),
              deps.personSections,
            )
          : undefined;
      await withTransaction(handle, (trx) =>
        recordSubjectRequestAction(trx, {
          agencyId: req.agency.id,
          requestId: request.id,
          action,
          actor: officerOf(req),
          at: clock.now(),
          text,
          expectedUpdatedAt: formString(form.updatedAt, "updatedAt", 40) || undefined,
          exported,
          ip: req.ip,
        }),
      );
      return reply.redirect(`${req.basePath}${list}`, 303);
    },
  );
}
