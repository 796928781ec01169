import type { Capability } from "./processes.js";
import { EMAIL_ITEM, SOCIAL_ITEM } from "./survey-email-social.js";
import { PLATFORM_ITEM, WEBBOARD_ITEM } from "./survey-platform.js";
import type { SurveyItem } from "./survey-types.js";
import { APP_ITEM, WEBSITE_ITEM } from "./survey-web.js";

/** RD-1: the survey of seed 004 part 2, in its order (row ๓ has two lines: website and application). */
export const SURVEY_ITEMS: readonly SurveyItem[] = [
  EMAIL_ITEM,
  SOCIAL_ITEM,
  WEBSITE_ITEM,
  APP_ITEM,
  PLATFORM_ITEM,
  WEBBOARD_ITEM,
];

/** What this install provides towards each survey line, shown beside it as live ticks. */
export const ITEM_CAPABILITIES: Record<string, readonly Capability[]> = {
  email: ["mailbox", "mailServer"],
  social: ["line"],
  website: ["services", "register", "faq"],
  application: ["services", "payment", "signer", "thaid", "satisfaction"],
  platform: ["thaid", "openData"],
  webboard: ["webboard", "faq"],
};

export const findSurveyItem = (id: string) => SURVEY_ITEMS.find((item) => item.id === id);
