import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sameSecret } from "../platform/form-token.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { fileSubjectRequest } from "./file-subject-request.js";
import type { PersonSectionReader } from "./person-sections-port.js";
import type { SubjectIdentityPort } from "./subject-identity-port.js";
import { findSubjectRequest, listCitizenSubjectRequests } from "./subject-request.js";
import { citizenRequestsView, subjectRequestForm } from "./subject-requests.view.js";

export interface SubjectRequestDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  identity: SubjectIdentityPort;
  /** #17 export (PD-3): the other rooms' person reads, passed in by the app. */
  personSections?: readonly PersonSectionReader[];
}

/** The signed-in citizen; a page is sent to sign in and back, anything else is 401 (as "my data" does). */
function signedInCitizen(req: FastifyRequest, reply: FastifyReply) {
  if (req.citizen) return req.citizen;
  if (req.method === "GET") {
    void reply.redirect(`${req.basePath}/account/sign-in?return=${encodeURIComponent(req.url)}`, 303);
    return undefined;
  }
  throw new AppError("UNAUTHENTICATED");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * #17 subjects (PD-3): a signed-in citizen's data-subject requests: the form, the list with each
 * request's 30-day clock and answer, and the export's download (only theirs; another's is a 404).
 */
export async function subjectRequestRoutes(app: FastifyInstance, deps: SubjectRequestDeps) {
  app.get("/account/privacy-requests/new", { schema: { hide: true } }, async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    return sendPage(req, reply, {
      title: t(req.lang, "subjects.newTitle"),
      body: subjectRequestForm(req, session.csrfToken),
    });
  });

  app.get("/account/privacy-requests", { schema: { hide: true } }, async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const rows = await listCitizenSubjectRequests(deps.handle.db, session.agencyId, session.accountId);
    const body = citizenRequestsView(req, rows, deps.clock.now());
    return sendPage(req, reply, { title: t(req.lang, "subjects.title"), body });
  });

  app.post("/account/privacy-requests", { schema: { hide: true } }, async (req, reply) => {
    const session = signedInCitizen(req, reply);
    if (!session) return reply;
    const form = asForm(req.body);
    if (!sameSecret(formString(form._csrf, "_csrf", 200), session.csrfToken))
      throw new AppError("CSRF_FAILED");
    const subjectName = formString(form.subjectName, "subjectName", 200).trim();
    const delegationId = formString(form.delegationId, "delegationId", 36).trim();
    if (delegationId && !UUID.test(delegationId))
      throw new AppError("SUBJECTS_PROOF_REQUIRED", {}, { field: "delegationId" });
    await fileSubjectRequest(deps, {
      agencyId: session.agencyId,
      accountId: session.accountId,
      signIn: { provider: session.provider, ial: session.ial },
      kind: formString(form.kind, "kind", 20),
      details: formString(form.details, "details", 4000),
      lang: req.lang,
      ...((subjectName || delegationId) && { onBehalf: { name: subjectName, delegationId } }),
      ip: req.ip,
    });
    return reply.redirect(`${req.basePath}/account/privacy-requests`, 303);
  });

  app.get<{ Params: { id: string } }>(
    "/account/privacy-requests/:id/export",
    { schema: { hide: true } },
    async (req, reply) => {
      const session = signedInCitizen(req, reply);
      if (!session) return reply;
      if (!UUID.test(req.params.id)) throw new AppError("SUBJECTS_NOT_FOUND");
      const request = await findSubjectRequest(deps.handle.db, session.agencyId, req.params.id);
      const mine =
        request &&
        (request.requester === `citizen:${session.accountId}` ||
          request.subjectAccountId === session.accountId);
      if (!mine || !request.exportKey) throw new AppError("SUBJECTS_NOT_FOUND");
      const zip = await deps.files.read(request.exportKey);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="personal-data-${request.id}.zip"`)
        .header("cache-control", "no-store")
        .send(zip);
    },
  );
}
