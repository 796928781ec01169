import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { MAX_EMBLEM_BYTES, setAgencyEmblem } from "./set-agency-emblem.js";
import { type OriginProblem, setLicenceOrigin } from "./set-licence-origin.js";
import { licenceSettingsView, type Notice } from "./views/licence-settings.view.js";

const wantsPage = (req: FastifyRequest) => (req.headers.accept ?? "").includes("text/html");

/**
 * LC-3, LC-1: `/office/licences/settings`, admins only: the agency's licence origin and its emblem. Both
 * change what every later licence carries: CSRF, a fresh step-up, audited (from → to).
 */
export async function licenceSettingsRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  const guard = staffGuard(deps.handle.db, deps.clock);
  const page = (req: FastifyRequest) => `${req.basePath}/office/licences/settings`;
  const admins = { schema: { hide: true }, preHandler: guard(["admin"]) };
  const stepped = requireRecentAuth(deps.clock, page);
  const ctx = (req: FastifyRequest) => ({
    actor: `staff:${req.staffSession!.staff.id}`,
    ip: req.ip,
    at: deps.clock.now(),
  });

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    notices: Notice[] = [],
    originValue?: string,
  ) {
    const agency = await findAgency(deps.handle.db, req.agency.id);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    const view = licenceSettingsView(req, agency, {
      notices,
      signer: deps.documentSigner,
      originValue,
      maxEmblemKb: MAX_EMBLEM_BYTES / 1024,
    });
    return sendOfficePage(req, reply, t(req.lang, "issuance.settings.title"), view);
  }

  /** A refusal shown above the form (pages), or the error itself (API). */
  async function refused(req: FastifyRequest, reply: FastifyReply, error: unknown, originValue?: string) {
    if (!(error instanceof AppError) || error.status >= 500 || !wantsPage(req)) throw error;
    const detail = String(error.params.detail ?? "");
    const why =
      error.code === "LICENCE_ORIGIN_INVALID"
        ? t(req.lang, `issuance.settings.problem.${detail as OriginProblem}`)
        : "";
    reply.code(error.status);
    return show(
      req,
      reply,
      [{ kind: "error", text: `${errorText(req.lang, error)} ${why}`.trim() }],
      originValue,
    );
  }

  app.get("/office/licences/settings", admins, (req, reply) => show(req, reply));

  app.post(
    "/office/licences/settings/origin",
    { schema: { hide: true }, preHandler: [guard(["admin"]), stepped] },
    async (req, reply) => {
      const raw = formString(asForm(req.body).origin, "origin", 300);
      try {
        const origin = await setLicenceOrigin(deps.handle, req.agency.id, raw, ctx(req));
        if (!wantsPage(req)) return { origin };
        return await show(req, reply, [{ kind: "ok", text: t(req.lang, "issuance.settings.originSaved") }]);
      } catch (error) {
        return refused(req, reply, error, raw);
      }
    },
  );

  app.post(
    "/office/licences/settings/emblem",
    { schema: { hide: true }, preHandler: [guard(["admin"], { multipart: true }), stepped] },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const { files } = await readMultipart(req, { ...deps.limits, maxFiles: 1 });
      try {
        const file = files[0];
        if (!file)
          throw new AppError("LICENCE_EMBLEM_INVALID", { detail: "FILE_EMPTY" }, { field: "emblem" });
        if (file.refusal)
          throw new AppError("LICENCE_EMBLEM_INVALID", { detail: file.refusal }, { field: "emblem" });
        const key = await setAgencyEmblem(deps, req.agency.id, file, ctx(req));
        if (!wantsPage(req)) return { emblemKey: key };
        return await show(req, reply, [{ kind: "ok", text: t(req.lang, "issuance.settings.emblemSaved") }]);
      } catch (error) {
        return refused(req, reply, error);
      }
    },
  );
}
