import type { FastifyInstance, FastifyRequest } from "fastify";
import { listPublishedVersions } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sendPage } from "../platform/http/layout.js";
import { t } from "../platform/i18n/index.js";
import { findPublishedFaq, listPublishedFaq } from "./faq.repo.js";
import { currentContact } from "./faq-contact.js";
import { faqParamTerms, parseFaqParams } from "./faq-query.js";
import { encodeCursor } from "./keyset-cursor.js";
import { faqEntryJson, faqEntryView, faqListView } from "./views/faq-public.view.js";

const PAGE_SIZE = 20;
const ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.json)?$/;

/**
 * #16 faq (IF-4, WB-1, IF-3): the public FAQ, open to all: `/faq` (Thai search, by service, keyset
 * pages), `/faq/:id`, and their JSON twins `/faq.json`, `/faq/:id.json`. Only published entries exist
 * here; a withdrawn one is a 404 like an unknown one.
 */
export async function faqPublicRoutes(app: FastifyInstance, deps: { db: Db }) {
  const { db } = deps;
  const servicesOf = async (agencyId: string) =>
    (await listPublishedVersions(db, agencyId)).map((v) => ({
      id: v.serviceId,
      code: v.definition.code,
      name: v.definition.name,
    }));

  async function search(req: FastifyRequest) {
    const params = parseFaqParams(req.query);
    const services = await servicesOf(req.agency.id);
    const service = params.service ? services.find((s) => s.code === params.service) : undefined;
    if (params.service && !service) throw new AppError("FAQ_QUERY_INVALID", { param: "service" });
    const terms = faqParamTerms(params);
    // A query of no searchable word (punctuation, stop words only) finds nothing rather than everything.
    const page =
      params.q && terms.length === 0
        ? { entries: [] }
        : await listPublishedFaq(db, req.agency.id, {
            terms,
            serviceId: service?.id,
            after: params.after,
            limit: PAGE_SIZE,
          });
    return { params, services, ...page };
  }

  app.get("/faq", { schema: { hide: true } }, async (req, reply) => {
    const found = await search(req);
    const body = faqListView({ lang: req.lang, base: req.basePath, ...found });
    return sendPage(req, reply, { title: t(req.lang, "faq.title"), body });
  });

  app.get("/faq.json", { schema: { hide: true } }, async (req, reply) => {
    const found = await search(req);
    const codes = new Map(found.services.map((s) => [s.id, s.code]));
    return reply.header("cache-control", "no-cache").send({
      entries: found.entries.map((e) =>
        faqEntryJson(e, e.serviceId ? (codes.get(e.serviceId) ?? null) : null),
      ),
      next: found.next ? encodeCursor(found.next) : null,
    });
  });

  app.get<{ Params: { id: string } }>("/faq/:id", { schema: { hide: true } }, async (req, reply) => {
    const match = ID.exec(req.params.id);
    const entry = match ? await findPublishedFaq(db, req.agency.id, match[1]!) : undefined;
    if (!entry) throw new AppError("FAQ_ENTRY_NOT_FOUND");
    const contact = await currentContact(db, req.agency.id, entry.unitId);
    const service = entry.serviceId
      ? (await servicesOf(req.agency.id)).find((s) => s.id === entry.serviceId)
      : undefined;
    if (match?.[2])
      return reply
        .header("cache-control", "no-cache")
        .send(faqEntryJson(entry, service?.code ?? null, contact));
    const body = faqEntryView({ lang: req.lang, base: req.basePath, entry, contact, service });
    return sendPage(req, reply, {
      title: `${entry.question.slice(0, 80)} — ${t(req.lang, "faq.title")}`,
      body,
    });
  });
}
