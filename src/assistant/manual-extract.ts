import { feeAmountText, type ServiceDefinition, type Text, termsOf } from "../catalog/index.js";
import type { Lang } from "../platform/i18n/index.js";
import type { Intent } from "./paraphrases.js";

const pick = (lang: Lang, text: Text | undefined) => (text ? (lang === "en" && text.en) || text.th : "");

/** The words of a manual: its name, keywords and summary first; the sections a question may ask about. */
export function manualWords(d: ServiceDefinition) {
  const both = (t: Text | undefined) => (t ? `${t.th} ${t.en ?? ""}` : "");
  const primary = [both(d.name), d.keywords.join(" "), both(d.summary)].join(" ");
  const secondary = [
    both(d.category),
    both(d.conditions),
    ...d.documents.map((x) => both(x.name)),
    ...d.fees.map((f) => both(f.detail)),
    ...d.channels.map((c) => `${both(c.place)} ${both(c.hours)}`),
    ...d.steps.map((s) => `${both(s.kind)} ${both(s.detail)}`),
  ].join(" ");
  return { primary: new Set(termsOf(primary)), secondary: new Set(termsOf(secondary)), answersIntents: true };
}

function section(d: ServiceDefinition, intent: Intent, lang: Lang): string {
  const en = lang === "en";
  switch (intent) {
    case "documents":
      return `${en ? "Documents" : "เอกสาร"}: ${d.documents
        .map((x) => `${pick(lang, x.name)}${x.required ? "" : en ? " (if applicable)" : " (ถ้ามี)"}`)
        .join("; ")}`;
    case "fee":
      return d.noFee || d.fees.length === 0
        ? en
          ? "Fee: none."
          : "ค่าธรรมเนียม: ไม่มี"
        : `${en ? "Fees" : "ค่าธรรมเนียม"}: ${d.fees
            .map((f) => `${pick(lang, f.detail)} ${pick(lang, feeAmountText(f, d.form))}`)
            .join("; ")}`;
    case "time": {
      const business = d.timeLimit.dayKind === "business";
      return en
        ? `Time: ${d.timeLimit.amount} ${business ? "working days" : "days"}.`
        : `ระยะเวลา: ${d.timeLimit.amount} ${business ? "วันทำการ" : "วัน"}`;
    }
    case "where":
      return `${en ? "Where to apply" : "ช่องทางการยื่นคำขอ"}: ${d.channels
        .map((c) => `${pick(lang, c.place)} (${pick(lang, c.hours)})`)
        .join("; ")}`;
    case "who":
      return `${en ? "Conditions" : "หลักเกณฑ์และเงื่อนไข"}: ${pick(lang, d.conditions)}`;
  }
}

/**
 * IF-4: the part of a citizen manual a question asks for (documents, fee, time, where, who); without
 * such a word, the summary with the time and the fee. Prefixed with the service's name.
 */
export function manualExtract(d: ServiceDefinition, intents: readonly Intent[], lang: Lang): string {
  const asked: Intent[] = intents.length > 0 ? [...new Set(intents)] : ["time", "fee"];
  const head = intents.length > 0 ? pick(lang, d.name) : `${pick(lang, d.name)}: ${pick(lang, d.summary)}`;
  return [head, ...asked.map((intent) => section(d, intent, lang))].join("\n");
}
