import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import type { NoticeInput } from "./notice-rules.js";
import { findNotice, listNotices } from "./notices.repo.js";
import { postNotice } from "./post-notice.js";
import { recordNoticeAction } from "./record-notice-action.js";
import type { NoticeCache } from "./shown-notices.js";
import {
  editNoticeView,
  type FormValues,
  type Notice,
  serviceStatusView,
  valuesOf,
} from "./views/service-status.view.js";

const LABELS = {
  kind: "status.form.kind",
  textTh: "status.form.textTh",
  textEn: "status.form.textEn",
  startsAt: "status.form.startsAt",
  endsAt: "status.form.endsAt",
  emergencyReason: "status.form.emergencyReason",
} as const;

/** The form's fields, read strictly (a list or an over-long value is a 400 naming the field). */
function readForm(body: unknown): { input: NoticeInput; values: FormValues } {
  const form = asForm(body);
  const field = (name: string) => formString(form[name], name, 600);
  const input: NoticeInput = {
    kind: field("kind"),
    textTh: field("textTh"),
    textEn: field("textEn"),
    startsAt: field("startsAt"),
    endsAt: field("endsAt"),
    emergency: field("emergency") === "on",
    emergencyReason: field("emergencyReason"),
  };
  const { kind, textTh, textEn, startsAt, endsAt } = input;
  return { input, values: { kind, textTh, textEn, startsAt, endsAt, reason: input.emergencyReason } };
}

/**
 * WS-4: `/office/service-status`, admins only: the agency's notices, a new one, edit, withdraw. Every
 * change: CSRF (the staff guard), audited; the banner cache is dropped so the change shows at once.
 */
export async function serviceStatusOfficeRoutes(
  app: FastifyInstance,
  deps: { handle: DatabaseHandle; clock: Clock; cache: NoticeCache },
): Promise<void> {
  const db = deps.handle.db;
  const admins = { schema: { hide: true }, preHandler: staffGuard(db, deps.clock)(["admin"]) };
  const by = (req: FastifyRequest) => ({ actor: `staff:${req.staffSession!.staff.id}`, ip: req.ip });
  const title = (req: FastifyRequest) => t(req.lang, "status.admin.title");

  async function list(
    req: FastifyRequest,
    reply: FastifyReply,
    messages: Notice[] = [],
    form: FormValues = {},
  ) {
    const notices = await listNotices(db, req.agency.id);
    return sendOfficePage(req, reply, title(req), serviceStatusView(req, { notices, messages, form }), {
      wide: true,
    });
  }

  async function refused(
    req: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    show: (m: Notice[]) => unknown,
  ) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    reply.code(error.status);
    return show([{ kind: "error", text: errorText(req.lang, error, LABELS) }]);
  }

  app.get("/office/service-status", admins, (req, reply) => list(req, reply));

  app.post("/office/service-status", admins, async (req, reply) => {
    const { input, values } = readForm(req.body);
    try {
      await postNotice(deps, req.agency.id, input, by(req));
    } catch (error) {
      return refused(req, reply, error, (m) => list(req, reply, m, values));
    }
    deps.cache.forget(req.agency.id);
    return list(req, reply, [{ kind: "ok", text: t(req.lang, "status.admin.posted") }]);
  });

  app.get<{ Params: { id: string } }>("/office/service-status/:id", admins, async (req, reply) => {
    const notice = await findNotice(db, req.agency.id, req.params.id);
    if (notice?.status !== "active") throw new AppError("STATUS_NOTICE_NOT_FOUND");
    const view = editNoticeView(req, { notice, messages: [], form: valuesOf(notice) });
    return sendOfficePage(req, reply, t(req.lang, "status.admin.editTitle"), view);
  });

  app.post<{ Params: { id: string } }>("/office/service-status/:id", admins, async (req, reply) => {
    const { input, values } = readForm(req.body);
    try {
      await recordNoticeAction(deps, req.agency.id, req.params.id, { action: "edit", input }, by(req));
    } catch (error) {
      const notice = await findNotice(db, req.agency.id, req.params.id);
      if (notice?.status !== "active") throw error;
      return refused(req, reply, error, (messages) =>
        sendOfficePage(req, reply, title(req), editNoticeView(req, { notice, messages, form: values })),
      );
    }
    deps.cache.forget(req.agency.id);
    return list(req, reply, [{ kind: "ok", text: t(req.lang, "status.admin.saved") }]);
  });

  app.post<{ Params: { id: string } }>("/office/service-status/:id/withdraw", admins, async (req, reply) => {
    await recordNoticeAction(deps, req.agency.id, req.params.id, { action: "withdraw" }, by(req));
    deps.cache.forget(req.agency.id);
    return list(req, reply, [{ kind: "ok", text: t(req.lang, "status.admin.withdrawnNow") }]);
  });
}
