import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, type Form, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { readMainFields, skeletonDefinition, withMainFields } from "./main-fields.js";
import { manualOf } from "./manual.js";
import { type DraftMode, saveServiceDraft } from "./save-service-draft.js";
import type { ServiceDefinition } from "./service-definition.js";
import { CODE_PATTERN } from "./service-definition.schema.js";
import { publishServiceDraft, retireService } from "./service-lifecycle.js";
import { findCurrentVersion, findService } from "./service-versions.repo.js";
import { findVersionByNumber, listServices, listServiceVersions } from "./services.repo.js";
import { parseDefinition, problemsOf } from "./validate-definition.js";
import { pick } from "./views/catalog.view.js";
import { servicePageView } from "./views/service-page.view.js";
import {
  MAIN_FIELD_LABELS,
  type Notice,
  serviceAdminView,
  serviceEditView,
  servicesListView,
} from "./views/services-admin.view.js";

const CODE = new RegExp(CODE_PATTERN);
const MAX_JSON_CHARS = 1_000_000;

/** A refusal as the admin reads it: each problem of a service file with its path, in `lang`. */
function refusal(lang: Lang, error: AppError): Notice {
  const problems = problemsOf(error);
  if (problems.length === 0) return { kind: "error", text: errorText(lang, error, MAIN_FIELD_LABELS) };
  return {
    kind: "error",
    text: t(lang, "catalogAdmin.refused"),
    lines: problems.map(
      (p) => `${p.path} — ${p.message?.[lang] ?? t(lang, `serviceRule.${p.rule}`, { detail: p.detail })}`,
    ),
  };
}

/**
 * #11 item 1: an agency admin's pages for the catalogue: create (a small form of the main manual fields,
 * or a JSON file or text), edit the draft, publish a new version, retire, see each version, and export a
 * service as JSON for another agency to import. Only the `admin` role; only the agency's own services.
 */
export async function catalogAdminRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock; limits: MultipartLimits },
) {
  const { handle, clock } = opts;
  const db = handle.db;
  const guard = staffGuard(db, clock);
  const admins = { preHandler: guard(["admin"]) };
  const adminUploads = { preHandler: guard(["admin"], { multipart: true }) };
  const actor = (req: FastifyRequest) => ({ id: `staff:${req.staffSession!.staff.id}`, ip: req.ip });
  const listUrl = (req: FastifyRequest) => `${req.basePath}/office/services`;

  async function summaryOf(req: FastifyRequest, code: string) {
    const service = CODE.test(code)
      ? (await listServices(db, req.agency.id)).find((s) => s.code === code)
      : undefined;
    if (!service) throw new AppError("SERVICE_NOT_FOUND");
    return service;
  }

  /** What the draft page edits: the draft, else the current version's definition. */
  async function editable(req: FastifyRequest, code: string): Promise<ServiceDefinition> {
    const row = CODE.test(code) ? await findService(db, req.agency.id, code) : undefined;
    if (!row) throw new AppError("SERVICE_NOT_FOUND");
    if (row.draft !== null) return JSON.parse(row.draft) as ServiceDefinition;
    const versions = await listServiceVersions(db, row.id);
    if (!versions[0]) throw new AppError("SERVICE_NOT_FOUND");
    return versions[0].definition;
  }

  const showList = async (req: FastifyRequest, reply: FastifyReply, notices: Notice[] = [], json?: string) =>
    sendOfficePage(
      req,
      reply,
      t(req.lang, "catalogAdmin.title"),
      servicesListView(req, { services: await listServices(db, req.agency.id), notices, json }),
      { wide: true },
    );

  async function showService(req: FastifyRequest, reply: FastifyReply, code: string, notices: Notice[] = []) {
    const service = await summaryOf(req, code);
    const versions = await listServiceVersions(db, service.id);
    const body = serviceAdminView(req, { service, versions, timeZone: req.agency.timeZone, notices });
    return sendOfficePage(req, reply, pick(req.lang, service.name), body);
  }

  async function showEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    notices: Notice[] = [],
    json?: string,
  ) {
    const definition = await editable(req, code);
    const text = json ?? JSON.stringify(definition, null, 2);
    const body = serviceEditView(req, { code, definition, json: text, notices });
    return sendOfficePage(req, reply, t(req.lang, "catalogAdmin.edit"), body, { wide: true });
  }

  /** Runs `work`; a refusal (4xx) is shown on the page `show` draws, with the status it carries. */
  async function refusable(
    reply: FastifyReply,
    work: () => Promise<unknown>,
    show: (n: Notice[]) => unknown,
  ) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      reply.code(error.status);
      return show([refusal(reply.request.lang, error)]);
    }
  }

  app.get("/office/services", admins, (req, reply) => showList(req, reply));

  app.post<{ Body: Form }>("/office/services", admins, (req, reply) =>
    refusable(
      reply,
      async () => {
        const body = asForm(req.body);
        const code = formString(body.code, "code", 100).trim();
        if (!CODE.test(code)) throw new AppError("VALIDATION_FAILED", { detail: "code" }, { field: "code" });
        const definition = skeletonDefinition(code, readMainFields(body), req.agency);
        await saveServiceDraft(handle, req.agency.id, definition, { kind: "create" }, actor(req), clock);
        return reply.redirect(`${listUrl(req)}/${code}`, 303);
      },
      (notices) => showList(req, reply, notices),
    ),
  );

  // A file (multipart, the CSRF token its first field) or pasted JSON; a code the agency has becomes
  // that service's new draft, another agency's export included.
  app.post("/office/services/import", adminUploads, async (req, reply) => {
    let text = "";
    return refusable(
      reply,
      async () => {
        const { fields, files } = req.isMultipart()
          ? await readMultipart(req, opts.limits)
          : { fields: asForm(req.body), files: [] };
        const file = files.find((f) => f.size > 0);
        if (file?.refusal)
          throw new AppError("REQUEST_TOO_LARGE", { maxMb: Math.round(opts.limits.maxFileBytes / 2 ** 20) });
        if (file) {
          try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
          } catch {
            throw new AppError(
              "SERVICE_DEFINITION_INVALID",
              { rule: "json", path: "/", detail: "not UTF-8" },
              {
                problems: [{ rule: "json", path: "/", detail: "not UTF-8" }],
              },
            );
          }
        } else text = formString(fields.json, "json", MAX_JSON_CHARS);
        const definition = parseDefinition(text.replace(/^\uFEFF/, ""));
        const mode: DraftMode = { kind: "import" };
        await saveServiceDraft(handle, req.agency.id, definition, mode, actor(req), clock);
        return showService(req, reply, definition.code, [
          { kind: "ok", text: t(req.lang, "catalogAdmin.imported", { code: definition.code }) },
        ]);
      },
      (notices) => showList(req, reply, notices, text.slice(0, MAX_JSON_CHARS)),
    );
  });

  app.get<{ Params: { code: string } }>("/office/services/:code", admins, (req, reply) =>
    showService(req, reply, req.params.code),
  );

  app.get<{ Params: { code: string } }>("/office/services/:code/edit", admins, (req, reply) =>
    showEdit(req, reply, req.params.code),
  );

  app.post<{ Params: { code: string }; Body: Form }>("/office/services/:code/draft", admins, (req, reply) =>
    refusable(
      reply,
      async () => {
        const { code } = req.params;
        const definition = withMainFields(await editable(req, code), readMainFields(asForm(req.body)));
        await saveServiceDraft(handle, req.agency.id, definition, { kind: "edit", code }, actor(req), clock);
        return showEdit(req, reply, code, [{ kind: "ok", text: t(req.lang, "catalogAdmin.saved") }]);
      },
      (notices) => showEdit(req, reply, req.params.code, notices),
    ),
  );

  app.post<{ Params: { code: string }; Body: Form }>(
    "/office/services/:code/draft/json",
    admins,
    async (req, reply) => {
      const text = formString(asForm(req.body).json, "json", MAX_JSON_CHARS);
      return refusable(
        reply,
        async () => {
          const { code } = req.params;
          await editable(req, code);
          await saveServiceDraft(
            handle,
            req.agency.id,
            parseDefinition(text),
            { kind: "edit", code },
            actor(req),
            clock,
          );
          return showEdit(req, reply, code, [{ kind: "ok", text: t(req.lang, "catalogAdmin.saved") }]);
        },
        (notices) => showEdit(req, reply, req.params.code, notices, text),
      );
    },
  );

  app.post<{ Params: { code: string } }>("/office/services/:code/publish", admins, (req, reply) =>
    refusable(
      reply,
      async () => {
        await summaryOf(req, req.params.code);
        const version = await publishServiceDraft(handle, req.agency.id, req.params.code, actor(req), clock);
        const text = t(req.lang, "catalogAdmin.published", { version: version.version });
        return showService(req, reply, req.params.code, [{ kind: "ok", text }]);
      },
      (notices) => showService(req, reply, req.params.code, notices),
    ),
  );

  app.post<{ Params: { code: string } }>("/office/services/:code/retire", admins, (req, reply) =>
    refusable(
      reply,
      async () => {
        await summaryOf(req, req.params.code);
        await retireService(handle, req.agency.id, req.params.code, actor(req), clock);
        return showService(req, reply, req.params.code, [
          { kind: "ok", text: t(req.lang, "catalogAdmin.retired") },
        ]);
      },
      (notices) => showService(req, reply, req.params.code, notices),
    ),
  );

  app.get<{ Params: { code: string; version: string } }>(
    "/office/services/:code/versions/:version",
    admins,
    async (req, reply) => {
      const service = await summaryOf(req, req.params.code);
      const number = /^[1-9]\d{0,8}$/.test(req.params.version) ? Number(req.params.version) : Number.NaN;
      const version = Number.isNaN(number) ? undefined : await findVersionByNumber(db, service.id, number);
      if (!version) throw new AppError("SERVICE_NOT_FOUND");
      const agency = { th: req.agency.nameTh, en: req.agency.nameEn };
      const manual = servicePageView({
        lang: req.lang,
        base: req.basePath,
        version,
        manual: manualOf(version, agency),
        timeZone: req.agency.timeZone,
      });
      const title = t(req.lang, "catalogAdmin.versionTitle", {
        name: pick(req.lang, version.definition.name),
        version: version.version,
      });
      return sendOfficePage(req, reply, title, manual);
    },
  );

  // The published version in force (else the draft of a service never published), as a file another
  // agency imports; the same format as the files an admin uploads.
  app.get<{ Params: { code: string } }>("/office/services/:code/export.json", admins, async (req, reply) => {
    const { code } = req.params;
    const current = CODE.test(code) ? await findCurrentVersion(db, req.agency.id, code) : undefined;
    const definition = current?.definition ?? (await editable(req, code));
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="${code}.json"`)
      .header("cache-control", "no-store")
      .send(JSON.stringify(definition, null, 2));
  });
}
