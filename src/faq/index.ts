// #16 core: publishing an FAQ entry (one per source, indexed, audited) — the webboard promotes through it

// #17 assist2: the demo agency's FAQ, seeded at start
export { DEMO_FAQ, seedDemoFaq } from "./demo-faq.js";
// #17 core: the assistant's first reading of the FAQ
export { type FaqCandidate, findFaqCandidates } from "./faq-candidates.js";
export { type FaqEntry, faqEntryOf } from "./faq-entry.js";
// #17 readiness
export { hasPublishedFaq } from "./faq-in-use.js";
// #16 faq: the request log, the public FAQ, the service page's FAQ section, the matter page's panel
export { faqOfficeRoutes } from "./faq-office.routes.js";
export { faqPublicRoutes } from "./faq-public.routes.js";
// #16 faqbench: logging a question from its register entry, for seeding the e2e test; the words an entry is found by, for the bench
export { faqTerms, indexFaqEntry, unindexFaqEntry } from "./faq-search.js";
export { faqServiceSection } from "./faq-service-section.js";
// #17 assistant: the rarity of asked words in the FAQ, for ranking (IF-4)
export { countFaqTerms, type FaqTermCounts } from "./faq-term-counts.js";
export { logRequest } from "./log-request.js";
export { type NewFaqEntry, publishFaqEntry, publishFaqEntryIn } from "./publish-faq-entry.js";
export { requestLogRoutes } from "./request-log.routes.js";
export { requestLogPanel } from "./request-log-panel.js";
