import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { findOpenDataSettings, lastOpenDataPush } from "./open-data-settings.js";
import { type OpenDataDeps, pushRegisterToCkan } from "./push-register-to-ckan.js";
import { setCkanSettings, setOpenDataLicence } from "./set-open-data-settings.js";
import { type Notice, openDataView } from "./views/open-data.view.js";

const wantsPage = (req: FastifyRequest) => (req.headers.accept ?? "").includes("text/html");

/**
 * PR-4, OD-1: `/office/open-data`, admins only: the agency's open-data licence, its CKAN catalogue and
 * the last push as it went, with "push now". Every change: CSRF, a fresh step-up, audited.
 */
export async function openDataRoutes(app: FastifyInstance, deps: OpenDataDeps): Promise<void> {
  const db = deps.handle.db;
  const guard = staffGuard(db, deps.clock);
  const page = (req: FastifyRequest) => `${req.basePath}/office/open-data`;
  const stepped = {
    schema: { hide: true },
    preHandler: [guard(["admin"]), requireRecentAuth(deps.clock, page)],
  };
  const ctx = (req: FastifyRequest) => ({
    actor: `staff:${req.staffSession!.staff.id}`,
    ip: req.ip,
    at: deps.clock.now(),
  });

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = []) {
    const [settings, last] = await Promise.all([
      findOpenDataSettings(db, req.agency.id),
      lastOpenDataPush(db, req.agency.id),
    ]);
    const view = openDataView(req, { settings, last, notices });
    return sendOfficePage(req, reply, t(req.lang, "opendata.title"), view);
  }

  /** Runs a change; a refusal is shown above the form (pages) or returned as the error (API). */
  async function change(req: FastifyRequest, reply: FastifyReply, work: () => Promise<Notice>) {
    try {
      const notice = await work();
      if (!wantsPage(req)) return { ok: notice.kind === "ok", message: notice.text };
      return await show(req, reply, [notice]);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || !wantsPage(req)) throw error;
      reply.code(error.status);
      return show(req, reply, [{ kind: "error", text: errorText(req.lang, error) }]);
    }
  }

  app.get("/office/open-data", { schema: { hide: true }, preHandler: guard(["admin"]) }, (req, reply) =>
    show(req, reply),
  );

  app.post("/office/open-data/licence", stepped, (req, reply) => {
    const form = asForm(req.body);
    return change(req, reply, async () => {
      const licence = {
        id: formString(form.licenseId, "licenseId", 100),
        title: formString(form.licenseTitle, "licenseTitle", 300),
        url: formString(form.licenseUrl, "licenseUrl", 300),
      };
      await setOpenDataLicence(deps.handle, req.agency.id, licence, ctx(req));
      return { kind: "ok", text: t(req.lang, "opendata.saved") };
    });
  });

  app.post("/office/open-data/ckan", stepped, (req, reply) => {
    const form = asForm(req.body);
    return change(req, reply, async () => {
      const input = {
        enabled: formString(form.enabled, "enabled", 10) === "on",
        url: formString(form.ckanUrl, "ckanUrl", 300),
        ownerOrg: formString(form.ckanOwnerOrg, "ckanOwnerOrg", 100),
        dataset: formString(form.ckanDataset, "ckanDataset", 100),
        token: formString(form.ckanToken, "ckanToken", 2000),
      };
      await setCkanSettings(deps.handle, req.agency.id, input, ctx(req));
      return { kind: "ok", text: t(req.lang, "opendata.saved") };
    });
  });

  // OD-1: "push now" answers with the push as it went; a catalogue's refusal is shown, never our 5xx.
  app.post("/office/open-data/push", stepped, (req, reply) =>
    change(req, reply, async () => {
      const outcome = await pushRegisterToCkan(deps, req.agency.id, ctx(req).actor);
      return outcome.outcome === "pushed"
        ? { kind: "ok", text: t(req.lang, `opendata.push.${outcome.dataset_action ?? "updated"}`) }
        : { kind: "error", text: t(req.lang, "opendata.push.failedNow", { error: outcome.error ?? "" }) };
    }),
  );
}
