import { recordAudit } from "../audit/index.js";
import { findServiceVersion } from "../catalog/index.js";
import { findMatterApplication } from "../forms/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, type MatterStatus } from "../register/index.js";
import { cleanComment, MAX_COMMENT_CHARS, parseRating } from "./rating-comment.js";
import { checkRatingToken } from "./rating-token.js";
import { findRatingOfMatter, insertRating, type RatingRow } from "./ratings.repo.js";

export interface RatingDeps {
  handle: DatabaseHandle;
  clock: Clock;
  secret: string;
}

export interface RatingInput {
  agencyId: string;
  token: string;
  rating: unknown;
  comment?: string | null;
  channel: RatingRow["channel"];
  ip?: string;
}

/**
 * TR-3: a rating is asked "after service": when the matter is closed. `delivered` and `answered` are
 * steps before the close (a licence delivered is then closed; an answer may be reopened), so they wait.
 */
export const RATED_STATUSES: readonly MatterStatus[] = ["closed"];

/**
 * The matter a rating link names, if the link is genuine, in force, of this agency's matter, and the
 * matter is closed. Forged or tampered: RATING_LINK_INVALID (403); expired: RATING_LINK_EXPIRED (410);
 * not closed: RATING_MATTER_NOT_CLOSED (409). Another agency's matter is a forgery here.
 */
export async function ratedMatter(deps: RatingDeps, agencyId: string, token: string) {
  const check = checkRatingToken(deps.secret, token, deps.clock.now());
  if (!check.ok)
    throw new AppError(check.reason === "expired" ? "RATING_LINK_EXPIRED" : "RATING_LINK_INVALID");
  const matter = await findMatter(deps.handle.db, agencyId, check.matterId);
  if (!matter) throw new AppError("RATING_LINK_INVALID");
  if (!RATED_STATUSES.includes(matter.status)) throw new AppError("RATING_MATTER_NOT_CLOSED");
  const given = await findRatingOfMatter(deps.handle.db, agencyId, matter.id);
  return { matter, given };
}

/** The service a matter's application was for; null for a general request. */
async function serviceOfMatter(deps: RatingDeps, matterId: string): Promise<string | null> {
  const application = await findMatterApplication(deps.handle.db, matterId);
  if (!application) return null;
  return (await findServiceVersion(deps.handle.db, application.serviceVersionId))?.serviceId ?? null;
}

/**
 * TR-3: stores a closed matter's rating (1–5) and optional comment (cleaned), once per matter on any
 * channel: the UNIQUE constraint decides between two at once, the loser gets RATING_ALREADY_GIVEN (409).
 * The audit row names the matter, the rating and the channel, never the comment.
 */
export async function recordRating(
  deps: RatingDeps,
  input: RatingInput,
): Promise<{ rating: RatingRow; receiptNumber: string }> {
  const { matter, given } = await ratedMatter(deps, input.agencyId, input.token);
  if (given) throw new AppError("RATING_ALREADY_GIVEN");
  const rating = parseRating(input.rating);
  if (rating === undefined) throw new AppError("RATING_INVALID", {}, { field: "rating" });
  const comment = cleanComment(input.comment);
  if (comment === undefined)
    throw new AppError("RATING_COMMENT_TOO_LONG", { max: MAX_COMMENT_CHARS }, { field: "comment" });
  const at = deps.clock.now().toISOString();
  const row: RatingRow = {
    id: newId(),
    agency_id: input.agencyId,
    matter_id: matter.id,
    service_id: await serviceOfMatter(deps, matter.id),
    rating,
    comment,
    channel: input.channel,
    created_at: at,
  };
  try {
    await withTransaction(deps.handle, async (trx) => {
      await insertRating(trx, row);
      await recordAudit(trx, {
        agencyId: input.agencyId,
        actor: "citizen",
        action: "satisfaction.rate",
        subjectType: "matter",
        subjectId: matter.id,
        data: { ratingId: row.id, rating, channel: input.channel, comment: comment !== null },
        ip: input.ip,
        at,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("RATING_ALREADY_GIVEN");
    throw error;
  }
  return { rating: row, receiptNumber: matter.receiptNumber };
}
