import { en } from "./catalog.en.js";
import { th } from "./catalog.th.js";

export type Lang = "th" | "en";
export type MessageKey = keyof typeof th;
export const LANGS: readonly Lang[] = ["th", "en"];

const catalogs: Record<Lang, Record<MessageKey, string>> = { th, en };

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Both languages, Thai first, as acknowledgements require (CH-4). */
export function bilingual(key: MessageKey, params: Record<string, string | number> = {}): string {
  return `${t("th", key, params)}\n${t("en", key, params)}`;
}

export function hasMessage(key: string): key is MessageKey {
  return key in th;
}

/** Picks the language from an explicit choice, else Accept-Language; Thai by default (WS-3). */
export function pickLang(explicit: unknown, acceptLanguage?: string): Lang {
  if (explicit === "en" || explicit === "th") return explicit;
  if (acceptLanguage) {
    const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
    if (first.startsWith("en")) return "en";
  }
  return "th";
}
