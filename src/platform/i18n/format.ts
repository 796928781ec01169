import type { Lang } from "./index.js";

// Building an Intl.DateTimeFormat costs ~0.1 ms; there are few locale × zone pairs, so keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time for people: Buddhist era in Thai, in the agency's zone whatever the server's. */
export function formatDateTime(lang: Lang, instant: Date, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang === "th" ? "th-TH" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone,
    });
    formatters.set(key, formatter);
  }
  const text = formatter.format(instant);
  return lang === "th" ? `${text} น.` : text;
}

/** A calendar date (`2026-11-23`) for people: `23 พฤศจิกายน 2569` / `23 November 2026`. */
export function formatDate(lang: Lang, date: string): string {
  // Kept like formatDateTime's: a page of a register or a licence formats dozens of dates (#15 bench).
  const key = `${lang}|date`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const locale = lang === "th" ? "th-TH" : "en-GB";
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(`${date}T12:00:00Z`));
}
