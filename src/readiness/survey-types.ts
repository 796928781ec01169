/** A text of the survey in both languages: Thai as the seed words it, English beside it. */
export interface Bilingual {
  th: string;
  en: string;
}

/** RD-1: the five channels of the readiness survey (seed 004, part 2). */
export const CHANNELS = ["email", "social", "web", "platform", "webboard"] as const;
export type ChannelId = (typeof CHANNELS)[number];

/** One line of the survey: a channel (or part of one) the agency has, has not, or is setting up. */
export interface SurveyItem {
  id: string;
  channel: ChannelId;
  title: Bilingual;
  /** การเตรียมความพร้อม/การจัดทำ: what to prepare. */
  preparation: Bilingual[];
  /** การนำไปใช้ให้สอดคล้องกับกฎหมาย: the law it answers to. */
  legalBasis: Bilingual[];
  /** ข้อเสนอแนะ/ข้อพึงระวัง: advice and cautions. */
  cautions: Bilingual[];
}

/** The survey's three answers (มี / ไม่มี / อยู่ระหว่างดำเนินการ). */
export const ANSWER_VALUES = ["have", "none", "in_progress"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** RD-2: the three levels of appendix ก.3, lowest first. */
export const LEVELS = ["initial", "standard", "advanced"] as const;
export type Level = (typeof LEVELS)[number];
