import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { citationOf, officerOf, serviceField } from "./faq-office.routes.js";
import { normaliseThai } from "./faq-query.js";
import { logUnits, mayPublishFaq, REQUEST_LOG_ROLES } from "./faq-roles.js";
import { logRequest } from "./log-request.js";
import { publishLoggedRequest } from "./publish-logged-request.js";
import { recordRequestReply } from "./record-request-reply.js";
import { listRequestLog, type RequestLogFilter } from "./request-log.repo.js";
import { requestLogCsv, requestLogRecords, requestLogXlsx } from "./request-log-export.js";
import { isUuid, parseRequestLogParams, type RequestLogParams } from "./request-log-query.js";
import { requestLogListView, requestLogRowView } from "./views/request-log.view.js";

type RowRequest = FastifyRequest<{ Params: { id: string } }>;

const filterOf = (req: FastifyRequest, params: RequestLogParams): RequestLogFilter => {
  const staff = req.staffSession!.staff;
  return {
    month: params.month || undefined,
    serviceId: params.service || undefined,
    replied: params.replied === "" ? undefined : params.replied === "yes",
    unitIds: logUnits(staff),
    withUnrouted: staff.roles.includes("saraban_officer"),
  };
};

/**
 * #16 faq (RG-2, IF-4): the request log. `/office/request-log` (month, service, replied; keyset pages;
 * the officer's units), its CSV and XLSX exports, `POST /office/request-log` (log an entry: the matter
 * page's panel), `/office/request-log/:id` (record the answer; publish as FAQ).
 */
export async function requestLogRoutes(app: FastifyInstance, deps: { handle: DatabaseHandle; clock: Clock }) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(REQUEST_LOG_ROLES);
  const db = handle.db;
  const servicesOf = async (agencyId: string) =>
    (await listServices(db, agencyId)).filter((s) => s.state === "published");
  const rowPath = (req: FastifyRequest, id: string) => `${req.basePath}/office/request-log/${id}`;
  const rowId = (req: RowRequest) => {
    if (!isUuid(req.params.id)) throw new AppError("FAQ_LOG_NOT_FOUND");
    return req.params.id;
  };

  app.get("/office/request-log", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const params = parseRequestLogParams(req.query);
    const [page, services] = await Promise.all([
      listRequestLog(db, req.agency.id, filterOf(req, params), { after: params.after, limit: 50 }),
      servicesOf(req.agency.id),
    ]);
    const body = requestLogListView(req, { params, services, ...page });
    return sendOfficePage(req, reply, t(req.lang, "faq.log.title"), body, { wide: true });
  });

  const exportRoute = (ext: string, type: string, write: typeof requestLogCsv) =>
    app.get(
      `/office/request-log.${ext}`,
      { schema: { hide: true }, preHandler: guard },
      async (req, reply: FastifyReply) => {
        const filter = filterOf(req, parseRequestLogParams(req.query));
        return reply
          .type(type)
          .header("content-disposition", `attachment; filename="request-log.${ext}"`)
          .header("cache-control", "no-store")
          .send(write(requestLogRecords(db, req.agency.id, filter, req.agency.timeZone)));
      },
    );
  exportRoute("csv", "text/csv; charset=utf-8", requestLogCsv);
  exportRoute("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", requestLogXlsx);

  app.post("/office/request-log", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const form = asForm(req.body);
    const entryId = formString(form.entryId, "entryId", 36);
    if (!isUuid(entryId)) throw new AppError("FAQ_LOG_ENTRY_NOT_FOUND");
    const { row } = await logRequest(deps, {
      agencyId: req.agency.id,
      entryId,
      serviceId: serviceField(form.serviceId),
      informationSource: formString(form.informationSource, "informationSource", 2000),
      remarks: formString(form.remarks, "remarks", 2000),
      officer: officerOf(req),
      ip: req.ip,
    });
    return reply.redirect(rowPath(req, row.id), 303);
  });

  app.get(
    "/office/request-log/:id",
    { schema: { hide: true }, preHandler: guard },
    async (req: RowRequest, reply) => {
      const id = rowId(req);
      const staff = req.staffSession!.staff;
      // One row read the way the list reads them: the scope, then the entry's facts.
      const { lines } = await listRequestLog(
        db,
        req.agency.id,
        { unitIds: logUnits(staff), withUnrouted: staff.roles.includes("saraban_officer") },
        { limit: 1, only: id },
      );
      const line = lines[0];
      if (!line) throw new AppError("FAQ_LOG_NOT_FOUND");
      const body = requestLogRowView(req, {
        line,
        services: await servicesOf(req.agency.id),
        mayPublish: mayPublishFaq(staff.roles),
      });
      return sendOfficePage(req, reply, t(req.lang, "faq.log.title"), body);
    },
  );

  app.post(
    "/office/request-log/:id/reply",
    { schema: { hide: true }, preHandler: guard },
    async (req: RowRequest, reply) => {
      const form = asForm(req.body);
      const id = rowId(req);
      await recordRequestReply(deps, {
        agencyId: req.agency.id,
        logId: id,
        answer: normaliseThai(formString(form.answer, "answer", 10_000)),
        repliedVia: formString(form.repliedVia, "repliedVia", 2000),
        informationSource: formString(form.informationSource, "informationSource", 2000),
        remarks: formString(form.remarks, "remarks", 2000),
        serviceId: serviceField(form.serviceId),
        officer: officerOf(req),
        ip: req.ip,
      });
      return reply.redirect(rowPath(req, id), 303);
    },
  );

  app.post(
    "/office/request-log/:id/publish",
    { schema: { hide: true }, preHandler: guard },
    async (req: RowRequest, reply) => {
      const form = asForm(req.body);
      const id = rowId(req);
      const { entry } = await publishLoggedRequest(deps, {
        agencyId: req.agency.id,
        logId: id,
        question: normaliseThai(formString(form.question, "question", 500)),
        answer: normaliseThai(formString(form.answer, "answer", 10_000)),
        ...citationOf(form),
        officer: officerOf(req),
        ip: req.ip,
      });
      return reply.redirect(`${req.basePath}/faq/${entry.id}`, 303);
    },
  );
}
