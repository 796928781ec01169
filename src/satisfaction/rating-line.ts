import type { LinePostbackHandler, LineText } from "../intake/line/index.js";
import { AppError } from "../platform/errors.js";
import { bilingual, type MessageKey, t } from "../platform/i18n/index.js";
import { ratingToken } from "./rating-token.js";
import { type RatingDeps, recordRating } from "./record-rating.js";

/** `rate:<token>:<1-5>`: well within LINE's 300 characters of postback data (about 90). */
const POSTBACK = /^rate:([\w.-]{1,100}):([1-5])$/;

/**
 * TR-3: the quick replies 1..5 under a closed matter's LINE message; each posts back its rating with the
 * matter's rating token, so a tap is the rating (no page to open).
 */
export function ratingQuickReplies(
  secret: string,
  matterId: string,
  closedAt: Date,
): NonNullable<LineText["quickReplies"]> {
  const token = ratingToken(secret, matterId, closedAt);
  return [1, 2, 3, 4, 5].map((n) => ({
    label: `${n} ★`,
    data: `rate:${token}:${n}`,
    displayText: (["th", "en"] as const)
      .map((l) => t(l, `satisfaction.score.${n}` as MessageKey))
      .join(" / "),
  }));
}

/**
 * TR-3: the LINE intake's handler of rating postbacks: records the rating on the `line` channel and
 * answers "thank you", or the reason it was refused (already rated, link expired or forged, not closed),
 * in Thai and English. Data that is not a rating is left to the next handler.
 */
export function ratingPostbackHandler(deps: RatingDeps): LinePostbackHandler {
  return async ({ agencyId, data, ip }) => {
    const found = POSTBACK.exec(data);
    if (!found) return undefined;
    try {
      const { rating, receiptNumber } = await recordRating(deps, {
        agencyId,
        token: found[1]!,
        rating: found[2],
        channel: "line",
        ip,
      });
      return { text: bilingual("satisfaction.line.thanks", { rating: rating.rating, receiptNumber }) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { text: bilingual(`error.${error.code}` as MessageKey, error.params) };
    }
  };
}
