import type { LineText } from "../intake/line/index.js";
import type { Db } from "../platform/db/database.js";
import { findMatter, type Matter } from "../register/index.js";
import { ratingQuickReplies, ratingUrl } from "../satisfaction/index.js";
import type { NotificationEvent } from "./notification-events.js";

/** When the matter was closed: the rating link's expiry counts from it (the same link on every pass). */
const closedAt = (matter: Matter, fallback: Date) => matter.endedAt ?? fallback;

/** #16 satisfaction (TR-3): the rating link a closing message carries; undefined for other events. */
export function closingRatingUrl(
  links: { secret: string; publicUrl: string },
  event: NotificationEvent,
  matter: Matter,
  at: Date,
): string | undefined {
  return event === "matter-closed"
    ? ratingUrl(links, matter.agencyId, matter.id, closedAt(matter, at))
    : undefined;
}

/** #16 satisfaction (TR-3): the quick replies 1..5 under a closing message on LINE, also when retried. */
export async function closingQuickReplies(
  deps: { db: Db; secret: string },
  n: { event: string; agency_id: string; matter_id: string; created_at: string },
): Promise<LineText["quickReplies"]> {
  if (n.event !== "matter-closed") return undefined;
  const matter = await findMatter(deps.db, n.agency_id, n.matter_id);
  return matter && ratingQuickReplies(deps.secret, matter.id, closedAt(matter, new Date(n.created_at)));
}
