import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import type { NoticeCache } from "./shown-notices.js";
import { StatusDocument } from "./status.schemas.js";
import { bannersOf, headerStatusOf, noticeSentence } from "./status-presenter.js";

/**
 * WS-4: the banner on every page of the agency (public and office, error pages too), the
 * `Service-Status` header on JSON responses, and `GET /status.json` for machines. Nothing is blocked
 * during a planned downtime: the pages keep working and say so.
 */
export async function serviceStatusRoutes(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; cache: NoticeCache },
): Promise<void> {
  const { cache, clock } = deps;
  app.addHook("onRequest", async (req) => {
    if (!req.agency || !req.lang) return;
    const shown = await cache.shown(req.agency.id);
    if (shown.length) req.statusBanner = bannersOf(req.lang, shown);
  });

  // Any JSON answer (the API, its errors) says the service's state and where to read the details.
  app.addHook("onSend", async (req, reply, payload) => {
    if (!req.agency || !String(reply.getHeader("content-type") ?? "").startsWith("application/json"))
      return payload;
    // #18 shared: the answer is made already (it may be the 503 of a database out of reach): a failed read
    // of the notices leaves it without the header rather than replacing it.
    const status = headerStatusOf(await cache.shown(req.agency.id).catch(() => []));
    if (status) {
      reply.header("service-status", status);
      reply.header(
        "link",
        `<${req.basePath ?? ""}/status.json>; rel="service-status"; type="application/json"`,
      );
    }
    return payload;
  });

  app.get(
    "/status.json",
    {
      schema: {
        summary: "Service status: current and upcoming notices (WS-4)",
        description:
          "The agency's status notices shown now: `current` (under way) and `upcoming` (a planned downtime, announced 24–48 hours ahead). No personal data. JSON responses carry a `Service-Status` header (downtime, degraded, downtime-planned, information) while a notice is shown.",
        tags: ["status"],
        response: { 200: StatusDocument },
      },
    },
    async (req, reply) => {
      const shown = await cache.shown(req.agency.id);
      // CORS-safe: public, cookie-free data any site may read (e.g. a portal's own banner).
      reply.header("access-control-allow-origin", "*").header("cache-control", "public, max-age=5");
      return {
        agency: req.agency.id,
        generatedAt: clock.now().toISOString(),
        status: headerStatusOf(shown) ?? "ok",
        notices: shown.map((one) => ({
          id: one.notice.id,
          kind: one.notice.kind,
          state: one.state,
          startsAt: one.notice.starts_at,
          endsAt: one.notice.ends_at,
          emergency: one.notice.emergency_reason !== null,
          text: { th: noticeSentence("th", one), en: noticeSentence("en", one) },
        })),
      };
    },
  );
}
