import type { FastifyInstance, FastifyRequest } from "fastify";
import { listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formString } from "../platform/http/form-fields.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import { staffGuard } from "../staff/index.js";
import { listPublishedFaq } from "./faq.repo.js";
import { normaliseThai } from "./faq-query.js";
import { FAQ_PUBLISH_ROLES, type FaqOfficer } from "./faq-roles.js";
import { decodeCursor } from "./keyset-cursor.js";
import { isUuid } from "./request-log-query.js";
import { officeFaqView } from "./views/office-faq.view.js";
import { withdrawFaqEntry } from "./withdraw-faq-entry.js";
import { writeFaqEntry } from "./write-faq-entry.js";

export const officerOf = (req: FastifyRequest): FaqOfficer => {
  const staff = req.staffSession!.staff;
  return { staffId: staff.id, roles: staff.roles, unitIds: staff.unitIds };
};

/** The service a form names: empty is none; anything but an id is refused. */
export function serviceField(value: unknown): string | null {
  const text = formString(value, "serviceId", 36);
  if (text && !isUuid(text))
    throw new AppError("FAQ_LOG_INVALID", { field: "service" }, { field: "service" });
  return text || null;
}

/** WB-3: the citation fields of a form, as typed (checkCitation judges them). */
export const citationOf = (form: Record<string, unknown>) => ({
  regulation: normaliseThai(formString(form.regulation, "regulation", 500)),
  regulationEffectiveOn: formString(form.regulationEffectiveOn, "regulationEffectiveOn", 10),
  holdsAsOf: formString(form.holdsAsOf, "holdsAsOf", 10),
});

/**
 * #16 faq (IF-4): the FAQ's office page for those who publish (supervisor, head of agency, admin):
 * `/office/faq` lists what is published, `POST /office/faq` writes an entry directly, and
 * `POST /office/faq/:id/withdraw` takes one out with a reason.
 */
export async function faqOfficeRoutes(app: FastifyInstance, deps: { handle: DatabaseHandle; clock: Clock }) {
  const { handle, clock } = deps;
  const guard = staffGuard(handle.db, clock)(FAQ_PUBLISH_ROLES);
  const servicesOf = async (agencyId: string) =>
    (await listServices(handle.db, agencyId)).filter((s) => s.state === "published");

  app.get("/office/faq", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const afterText = formString((req.query as Record<string, unknown>)?.after, "after", 200);
    const after = afterText ? decodeCursor(afterText) : undefined;
    if (afterText && !after) throw new AppError("FAQ_QUERY_INVALID", { param: "after" });
    const [page, services] = await Promise.all([
      listPublishedFaq(handle.db, req.agency.id, { terms: [], after, limit: 50 }),
      servicesOf(req.agency.id),
    ]);
    const body = officeFaqView(req, { ...page, services });
    return sendOfficePage(req, reply, t(req.lang, "faq.office.title"), body);
  });

  app.post("/office/faq", { schema: { hide: true }, preHandler: guard }, async (req, reply) => {
    const form = asForm(req.body);
    const entry = await writeFaqEntry(deps, {
      agencyId: req.agency.id,
      serviceId: serviceField(form.serviceId),
      question: normaliseThai(formString(form.question, "question", 500)),
      answer: normaliseThai(formString(form.answer, "answer", 10_000)),
      ...citationOf(form),
      officer: officerOf(req),
      ip: req.ip,
    });
    return reply.redirect(`${req.basePath}/faq/${entry.id}`, 303);
  });

  app.post<{ Params: { id: string } }>(
    "/office/faq/:id/withdraw",
    { schema: { hide: true }, preHandler: guard },
    async (req, reply) => {
      if (!isUuid(req.params.id)) throw new AppError("FAQ_ENTRY_NOT_FOUND");
      const form = asForm(req.body);
      await withdrawFaqEntry(deps, {
        agencyId: req.agency.id,
        entryId: req.params.id,
        reason: formString(form.reason, "reason", 2000),
        officer: officerOf(req),
        ip: req.ip,
      });
      return reply.redirect(`${req.basePath}/office/faq`, 303);
    },
  );
}
