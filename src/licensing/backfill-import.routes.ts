import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { newId } from "../platform/ids.js";
import { requireRecentAuth, staffGuard } from "../staff/index.js";
import { type BackfillMapping, checkMapping, defaultMapping } from "./backfill-mapping.js";
import { mappingFromForm } from "./backfill-mapping-form.js";
import { listBackfillMappings, saveBackfillMapping } from "./backfill-mappings.repo.js";
import { readBackfillSheet } from "./backfill-sheet.js";
import { importLicences } from "./import-licences.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { backfillMappingView, backfillUploadView, type Notice } from "./views/backfill-import.view.js";
import { backfillReportView } from "./views/backfill-report.view.js";

type UploadRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;
const wantsPage = (req: FastifyRequest) => (req.headers.accept ?? "").includes("text/html");

/**
 * PR-3: `/office/licences/import`, admins and supervisors: upload an earlier register (XLSX or CSV, within
 * the platform's upload limits) → its header and first rows, a saved mapping chosen or the columns
 * mapped (and saved by name) → "check" (nothing written, every refused row listed) → "import" (the valid
 * rows, in force first; a fresh step-up). The upload is kept in the file store between the steps; another
 * agency's upload is not found.
 */
export async function backfillImportRoutes(app: FastifyInstance, deps: LicensingDeps): Promise<void> {
  const { handle, clock, files } = deps;
  const guard = staffGuard(handle.db, clock);
  const roles = ["admin", "supervisor"] as const;
  const pageOf = (req: UploadRequest) => `${req.basePath}/office/licences/import/${req.params.id}`;
  const actorOf = (req: FastifyRequest) => `staff:${req.staffSession!.staff.id}`;
  const title = (req: FastifyRequest) => t(req.lang, "backfill.title");

  async function upload(req: UploadRequest) {
    const id = req.params.id;
    const row = /^[0-9a-f-]{36}$/.test(id)
      ? await handle.db
          .selectFrom("licence_import_uploads")
          .selectAll()
          .where("id", "=", id)
          .where("agency_id", "=", req.agency.id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError("BACKFILL_UPLOAD_NOT_FOUND");
    const bytes = await files.read(row.file_key);
    const sheetName = formString(asForm(req.body).sheet ?? req.query.sheet, "sheet", 100);
    return { id, bytes, sheetName, sheet: await readBackfillSheet(bytes, sheetName) };
  }

  async function showMapping(
    req: UploadRequest,
    reply: FastifyReply,
    notices: Notice[],
    mapping?: BackfillMapping,
  ) {
    const { id, sheet } = await upload(req);
    const saved = await listBackfillMappings(handle.db, req.agency.id);
    const named = formString(req.query.mapping, "mapping", 60);
    const chosen = mapping ?? saved.find((m) => m.name === named)?.mapping ?? defaultMapping(sheet.header);
    const body = backfillMappingView(req, {
      uploadId: id,
      sheet,
      mapping: chosen,
      saved: saved.map((m) => m.name),
      notices,
    });
    return sendOfficePage(req, reply, title(req), body, { wide: true });
  }

  app.get(
    "/office/licences/import",
    { schema: { hide: true }, preHandler: guard([...roles]) },
    (req, reply) =>
      sendOfficePage(
        req,
        reply,
        title(req),
        backfillUploadView(req, { notices: [], maxFileMb: deps.limits.maxFileBytes / 2 ** 20 }),
      ),
  );

  app.post(
    "/office/licences/import",
    { schema: { hide: true }, preHandler: guard([...roles], { multipart: true }) },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
      const { files: received } = await readMultipart(req, { ...deps.limits, maxFiles: 1 });
      const file = received[0];
      if (!file || file.size === 0) throw new AppError("BACKFILL_FILE_UNREADABLE", { detail: "empty" });
      if (file.refusal)
        throw new AppError("REQUEST_TOO_LARGE", { maxMb: Math.round(deps.limits.maxFileBytes / 2 ** 20) });
      const sheet = await readBackfillSheet(file.bytes); // refused here, before anything is stored
      const stored = await files.put(file.bytes);
      const id = newId();
      const at = clock.now().toISOString();
      await handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("licence_import_uploads")
          .values({
            id,
            agency_id: req.agency.id,
            file_key: stored.key,
            filename: file.filename.slice(0, 200),
            uploaded_by: actorOf(req),
            uploaded_at: at,
          })
          .execute();
        await recordAudit(trx, {
          agencyId: req.agency.id,
          actor: actorOf(req),
          action: "licence.import.uploaded",
          subjectType: "licence_import_upload",
          subjectId: id,
          data: { rows: sheet.rows.length, format: sheet.format, encoding: sheet.encoding },
          ip: req.ip,
          at,
        });
      });
      if (!wantsPage(req)) return reply.code(201).send({ id, header: sheet.header, rows: sheet.rows.length });
      return reply.redirect(`${req.basePath}/office/licences/import/${id}`, 303);
    },
  );

  app.get(
    "/office/licences/import/:id",
    { schema: { hide: true }, preHandler: guard([...roles]) },
    (req: UploadRequest, reply) => showMapping(req, reply, []),
  );

  /** "check" and "import": the same mapping from the form; only the mode (and the step-up) differ. */
  async function run(req: UploadRequest, reply: FastifyReply, mode: "check" | "import") {
    const form = asForm(req.body);
    const { id, bytes, sheetName, sheet } = await upload(req);
    const mapping = mappingFromForm(form, sheet.header);
    const notices: Notice[] = [];
    try {
      checkMapping(mapping, sheet.header);
      const saveAs = formString(form.saveAs, "saveAs", 60).trim();
      if (saveAs) {
        await saveBackfillMapping(deps, {
          agencyId: req.agency.id,
          name: saveAs,
          mapping,
          actor: actorOf(req),
        });
        notices.push({ kind: "ok", text: t(req.lang, "backfill.mappingSaved", { name: saveAs }) });
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "BACKFILL_MAPPING_INVALID" || !wantsPage(req))
        throw error;
      reply.code(error.status);
      return showMapping(req, reply, [{ kind: "error", text: errorText(req.lang, error) }], mapping);
    }
    const report = await importLicences(
      { handle, files, clock },
      { agencyId: req.agency.id, file: bytes, sheetName, mapping, actor: actorOf(req), mode },
    );
    if (!wantsPage(req)) return report;
    const view = { uploadId: id, report, mapping, header: sheet.header, sheet: sheet.sheet, notices };
    return sendOfficePage(req, reply, title(req), backfillReportView(req, view), { wide: true });
  }

  app.post(
    "/office/licences/import/:id/check",
    { schema: { hide: true }, preHandler: guard([...roles]) },
    (req: UploadRequest, reply) => run(req, reply, "check"),
  );
  app.post(
    "/office/licences/import/:id/import",
    {
      schema: { hide: true },
      preHandler: [guard([...roles]), requireRecentAuth(clock, (req) => pageOf(req as UploadRequest))],
    },
    (req: UploadRequest, reply) => run(req, reply, "import"),
  );
}
