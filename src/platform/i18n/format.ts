import type { Lang } from "./index.js";

/** A date and time for people: Buddhist era in Thai, in the agency's zone whatever the server's. */
export function formatDateTime(lang: Lang, instant: Date, timeZone: string): string {
  const locale = lang === "th" ? "th-TH" : "en-GB";
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(instant);
  return lang === "th" ? `${text} น.` : text;
}
