/*
 * #17 assistline: when a LINE text reads as a question (IF-4). Deliberately a small rule, not a model:
 * a question mark; a Thai question word (the common ones of spoken and written Thai); an English
 * wh-word, or an English sentence opened by an auxiliary verb. A text that is no question gets no extra
 * answer; the message is registered either way (s.10, RG-1).
 */

/** Thai question words; ไหม not followed by ้ (ไฟไหม้ is a fire, not a question), ใคร not by ่ (ใคร่). */
const THAI = /ไหม(?!้)|มั้ย|อะไร|อย่างไร|ยังไง|ที่ไหน|เท่าไร|เท่าไหร่|กี่|หรือเปล่า|หรือไม่|เมื่อไร|เมื่อไหร่|ทำไม|ใคร(?!่)/u;
const WH = /\b(what|where|when|which|who|whom|whose|why|how)\b/i;
const AUXILIARY_FIRST = /^(can|could|do|does|did|is|are|am|will|would|should|may|must|have|has)\b/i;

/** True when the text reads as a question by the rule above. */
export function readsAsQuestion(text: string): boolean {
  const t = text.trim();
  if (t === "") return false;
  return /[?？]/.test(t) || THAI.test(t) || WH.test(t) || AUXILIARY_FIRST.test(t);
}
