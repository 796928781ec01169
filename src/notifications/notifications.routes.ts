import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { NOTIFICATION_EVENTS } from "./notification-events.js";
import { loadOwnTemplates, setNotificationTemplates } from "./notification-templates.js";
import { templatesView } from "./views/notifications.view.js";

/** TR-2: an admin edits the agency's notification texts per event, in Thai and English. */
export async function notificationRoutes(
  app: FastifyInstance,
  opts: { handle: DatabaseHandle; clock: Clock },
) {
  const { handle, clock } = opts;
  const admins = { preHandler: staffGuard(handle.db, clock)(["admin"]) };
  const path = "/office/notifications/templates";

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    notice?: { kind: "ok" | "error"; text: string },
  ) {
    const own = await loadOwnTemplates(handle.db, req.agency.id);
    const body = templatesView(req, { action: `${req.basePath}${path}`, own, notice });
    return sendOfficePage(req, reply, t(req.lang, "notify.admin.title"), body);
  }

  app.get(path, admins, (req, reply) => show(req, reply));

  app.post(path, admins, async (req, reply) => {
    const b = asForm(req.body);
    try {
      // Only the texts the form sent change; an empty one goes back to the standard text.
      const texts = NOTIFICATION_EVENTS.flatMap((event) =>
        (["th", "en"] as Lang[]).flatMap((language) => {
          const name = `${event}.${language}`;
          return b[name] === undefined ? [] : [{ event, language, text: formString(b[name], name, 5000) }];
        }),
      );
      await setNotificationTemplates(handle, req.agency.id, texts, {
        clock,
        actor: `staff:${req.staffSession!.staff.id}`,
        ip: req.ip,
      });
      return show(req, reply, { kind: "ok", text: t(req.lang, "notify.admin.saved") });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      reply.code(error.status);
      return show(req, reply, { kind: "error", text: errorText(req.lang, error) });
    }
  });
}
