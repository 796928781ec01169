import { findAgency } from "../agencies/index.js";
import type { MatterPanel } from "../casework/index.js";
import type { Db } from "../platform/db/database.js";
import { listNotifications } from "./list-notifications.js";
import { notificationsPanelView } from "./views/notifications.view.js";

/**
 * TR-2, IF-3: the matter page's panel of what the applicant was told, on which channel, and whether it
 * reached them (sent, bounced, failed, not configured, or no channel at all).
 */
export function notificationsPanel(deps: { db: Db }): MatterPanel {
  return async (req, matter) => {
    const agency = await findAgency(deps.db, matter.agencyId);
    const list = await listNotifications(deps.db, matter.id);
    return notificationsPanelView(req.lang, agency?.timeZone ?? "Asia/Bangkok", list);
  };
}
