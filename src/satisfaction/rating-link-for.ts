import type { Db } from "../platform/db/database.js";
import type { Matter } from "../register/index.js";
import { RATING_LINK_DAYS, ratingUrl } from "./rating-token.js";
import { findRatingOfMatter } from "./ratings.repo.js";
import { RATED_STATUSES } from "./record-rating.js";

const DAY_MS = 24 * 3600 * 1000;

export interface RatingLinkDeps {
  db: Db;
  secret: string;
  publicUrl: string;
  now: Date;
}

/**
 * #16 faqbench (TR-3): the rating link a page may show for a matter: only when it is closed, its link
 * (counted from the closure, as the closing message's) still works, and nobody has rated it yet.
 * Undefined otherwise, so a page never offers a link the rating page would refuse.
 */
export async function ratingLinkFor(
  deps: RatingLinkDeps,
  matter: Pick<Matter, "id" | "agencyId" | "status" | "endedAt">,
): Promise<string | undefined> {
  if (!RATED_STATUSES.includes(matter.status) || !matter.endedAt) return undefined;
  if (matter.endedAt.getTime() + RATING_LINK_DAYS * DAY_MS <= deps.now.getTime()) return undefined;
  if (await findRatingOfMatter(deps.db, matter.agencyId, matter.id)) return undefined;
  return ratingUrl(deps, matter.agencyId, matter.id, matter.endedAt);
}
