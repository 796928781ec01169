// #16 core: the figures the dashboards read (satisfactionFigures, TR-3)
// #16 satisfaction: the rating link, recording a rating (web, LINE), the rating page and matter panel

// #17 export
export { listPersonRatings, type PersonRating } from "./person-ratings.js";
export { rateRoutes } from "./rate.routes.js";
export { ratingPostbackHandler, ratingQuickReplies } from "./rating-line.js";
// #16 faqbench: the rating link the tracking page shows for a closed matter not rated yet (TR-3)
export { type RatingLinkDeps, ratingLinkFor } from "./rating-link-for.js";
export { satisfactionPanel } from "./rating-panel.js";
export { checkRatingToken, RATING_LINK_DAYS, ratingToken, ratingUrl } from "./rating-token.js";
// #17 readiness
export { hasRatings } from "./ratings-in-use.js";
export { RATED_STATUSES, type RatingDeps, recordRating } from "./record-rating.js";
export type { SatisfactionRatingsTable } from "./satisfaction.table.js";
export { type SatisfactionFigure, satisfactionFigures } from "./satisfaction-figures.js";
// #16 dashboards
export { scopedSatisfactionFigures } from "./scoped-satisfaction-figures.js";
