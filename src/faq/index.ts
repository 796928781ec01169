// #16 core: publishing an FAQ entry (one per source, indexed, audited) — the webboard promotes through it
export { type FaqEntry, faqEntryOf } from "./faq-entry.js";
export { faqQueryTerms, indexFaqEntry, unindexFaqEntry } from "./faq-search.js";
export { type NewFaqEntry, publishFaqEntry, publishFaqEntryIn } from "./publish-faq-entry.js";
