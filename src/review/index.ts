// #12 deficiency: the deficiency record, the applicant's answer, LF-4 returns and the 30-day rule
export { ABANDON_AFTER, abandonClock, approveAbandon, sweepAbandonProposals } from "./abandon.js";
export { acknowledgeDeficiency, answerDeficiency } from "./answer-deficiency.js";
export { CONTACT_CHANNELS, CONTACT_OUTCOMES, recordContactAttempt } from "./contact-attempts.js";
export { deficiencyPanel } from "./deficiency-panel.js";
export type { DeficiencyItem, DeficiencyRecord } from "./deficiency-records.repo.js";
export { listDeficiencyRecords } from "./deficiency-records.repo.js";
export { type DeficiencyRequest, requestMoreInformation } from "./deficiency-request.js";
export { type DeficiencyState, deficiencyState } from "./deficiency-state.js";
export { sweepDeficiencyAnswers, sweepLapsedDeficiencies } from "./deficiency-sweeps.js";
