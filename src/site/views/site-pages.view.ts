import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { SitePage } from "../site-pages.js";

/** A footer page as the public reads it: its title and paragraphs (plain text, never markup). */
export function sitePageView(lang: Lang, page: SitePage): Html {
  const title = lang === "en" ? page.titleEn : page.titleTh;
  const body = lang === "en" ? page.bodyEn : page.bodyTh;
  return html`<h1>${title}</h1>${body
    .split(/\n{2,}/)
    .map((paragraph) => html`<p class="pre">${paragraph}</p>`)}`;
}

type Notice = { kind: "ok" | "error"; text: string };

/** The admin's page: one form per footer page, Thai and English side by side (WS-2). */
export function sitePagesAdminView(
  req: Parameters<typeof csrfField>[0],
  pages: SitePage[],
  timeZone: string,
  notices: Notice[],
): Html {
  const lang = req.lang;
  const field = (slug: string, name: string, label: string, value: string, long: boolean) => {
    const id = `${slug}-${name}`;
    return html`<label for="${id}">${label}</label>${
      long
        ? html`<textarea id="${id}" name="${name}" rows="8" maxlength="20000">${value}</textarea>`
        : html`<input type="text" id="${id}" name="${name}" value="${value}" maxlength="200">`
    }`;
  };
  return html`<h1>${t(lang, "site.admin.title")}</h1>
<p class="hint">${t(lang, "site.admin.intro")}</p>
${notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
${pages.map(
  (page) => html`<form method="post" action="${req.basePath}/office/admin/pages/${page.slug}" class="action">
<h2 id="page-${page.slug}">${t(lang, `site.page.${page.slug}`)}</h2>
<p class="hint">${page.updatedAt ? t(lang, "site.admin.updated", { at: formatDateTime(lang, page.updatedAt, timeZone) }) : t(lang, "site.admin.default")} · <a href="${req.basePath}/pages/${page.slug}">${t(lang, "site.admin.view")}</a></p>
${csrfField(req)}
${field(page.slug, "titleTh", t(lang, "site.admin.titleTh"), page.titleTh, false)}
${field(page.slug, "titleEn", t(lang, "site.admin.titleEn"), page.titleEn, false)}
${field(page.slug, "bodyTh", t(lang, "site.admin.bodyTh"), page.bodyTh, true)}
${field(page.slug, "bodyEn", t(lang, "site.admin.bodyEn"), page.bodyEn, true)}
<button type="submit">${t(lang, "site.admin.save")}</button>
</form>`,
)}`;
}
