// #17 status: service status notices, the banner on every page, /status.json (WS-4)
import type { FastifyInstance } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { serviceStatusOfficeRoutes } from "./service-status-office.routes.js";
import { noticeCacheFor } from "./shown-notices.js";
import { serviceStatusRoutes } from "./status.routes.js";

export {
  checkNotice,
  MIN_NOTICE_MS,
  type NoticeInput,
  parseThaiTime,
  SHOW_AHEAD_MS,
} from "./notice-rules.js";
export { findLiveNotices, listNotices, type ServiceNotice } from "./notices.repo.js";
export { type NoticeActor, postNotice } from "./post-notice.js";
export { type NoticeAction, recordNoticeAction } from "./record-notice-action.js";
export { NOTICE_KINDS, type NoticeKind, type ServiceNoticesTable } from "./service-notices.table.js";
export { createNoticeCache, NOTICE_CACHE_MS, type NoticeCache, type ShownNotice } from "./shown-notices.js";

/**
 * WS-4, in one call per route scope: the banner hook, the `Service-Status` header, `/status.json` and
 * the admin page `/office/service-status`. Register it last in the scope so every page gets the banner.
 */
export async function serviceStatus(app: FastifyInstance, deps: { handle: DatabaseHandle; clock: Clock }) {
  const cache = noticeCacheFor(deps.handle.db, deps.clock);
  await serviceStatusRoutes(app, { db: deps.handle.db, clock: deps.clock, cache });
  await serviceStatusOfficeRoutes(app, { ...deps, cache });
}
