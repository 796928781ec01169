import type { Text } from "../../catalog/index.js";
import { type Html, html } from "../../platform/html.js";
import { formatDate } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { FaqContact } from "../faq-contact.js";
import type { FaqEntry } from "../faq-entry.js";
import { type FaqParams, faqHref } from "../faq-query.js";
import { encodeCursor, type KeysetCursor } from "../keyset-cursor.js";

export const pick = (lang: Lang, text: { th: string; en?: string }) =>
  lang === "en" && text.en ? text.en : text.th;

/** WB-3: the regulation an answer rests on, when it took effect and the date it holds as of (BE in Thai). */
export function citationText(lang: Lang, entry: FaqEntry): string | undefined {
  if (!entry.regulation || !entry.regulationEffectiveOn || !entry.holdsAsOf) return undefined;
  return t(lang, "faq.citation", {
    regulation: entry.regulation,
    effective: formatDate(lang, entry.regulationEffectiveOn),
    asOf: formatDate(lang, entry.holdsAsOf),
  });
}

export function contactText(lang: Lang, contact: FaqContact): string {
  return contact.email
    ? t(lang, "faq.contactAgency", {
        agency: pick(lang, contact.name),
        phone: contact.phone,
        email: contact.email,
      })
    : t(lang, "faq.contactUnit", { unit: pick(lang, contact.name), phone: contact.phone });
}

export interface FaqListView {
  lang: Lang;
  base: string;
  params: FaqParams;
  services: { code: string; name: Text }[];
  entries: FaqEntry[];
  next?: KeysetCursor;
}

/** IF-4: the search form (words, service), the questions found, the way to the next page. */
export function faqListView(view: FaqListView): Html {
  const { lang, base, params } = view;
  const path = `${base}/faq`;
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === params.service ? html` selected` : ""}>${label}</option>`;
  const items = view.entries.map(
    (e) => html`<li data-faq="${e.id}"><a href="${path}/${e.id}">${e.question}</a></li>`,
  );
  return html`<h1>${t(lang, "faq.title")}</h1>
<form method="get" action="${path}" role="search"><div class="filters">
<div><label for="q">${t(lang, "faq.search")}</label><input type="text" id="q" name="q" value="${params.q}" maxlength="200"></div>
<div><label for="service">${t(lang, "faq.service")}</label><select id="service" name="service">${option("", t(lang, "faq.allServices"))}${view.services.map((s) => option(s.code, pick(lang, s.name)))}</select></div>
<button type="submit">${t(lang, "faq.searchButton")}</button></div></form>
${items.length === 0 ? html`<p>${t(lang, "faq.none")}</p>` : html`<ul class="faq-list">${items}</ul>`}
${view.next ? html`<p><a href="${faqHref(path, { q: params.q, service: params.service, after: encodeCursor(view.next) })}">${t(lang, "faq.next")}</a></p>` : ""}
<p><a href="${faqHref(`${path}.json`, { q: params.q, service: params.service, after: params.afterText })}">${t(lang, "faq.json")}</a></p>`;
}

/** WB-1, IF-3: one question and answer, its citation, and whom to ask today. */
export function faqEntryView(view: {
  lang: Lang;
  base: string;
  entry: FaqEntry;
  contact?: FaqContact;
  service?: { code: string; name: Text };
}): Html {
  const { lang, entry } = view;
  const citation = citationText(lang, entry);
  return html`<p><a href="${view.base}/faq">${t(lang, "faq.back")}</a></p>
<h1>${entry.question}</h1>
${view.service ? html`<p><a href="${view.base}/services/${view.service.code}">${pick(lang, view.service.name)}</a></p>` : ""}
<h2>${t(lang, "faq.answer")}</h2>
<p class="pre">${entry.answer}</p>
${citation ? html`<p class="citation">${citation}</p>` : ""}
${view.contact ? html`<h2>${t(lang, "faq.contact")}</h2><p>${contactText(lang, view.contact)}</p>` : ""}
<p class="hint">${t(lang, "faq.publishedAt", { date: formatDate(lang, entry.publishedAt.slice(0, 10)) })}</p>
<p><a href="${view.base}/faq/${entry.id}.json">${t(lang, "faq.json")}</a></p>`;
}

/** The public fields of an entry as JSON: no source, no who published it. */
export function faqEntryJson(entry: FaqEntry, serviceCode: string | null, contact?: FaqContact) {
  return {
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    service: serviceCode,
    citation: entry.regulation
      ? { regulation: entry.regulation, effectiveOn: entry.regulationEffectiveOn, holdsAsOf: entry.holdsAsOf }
      : null,
    contact: contact ?? null,
    publishedAt: entry.publishedAt,
  };
}
