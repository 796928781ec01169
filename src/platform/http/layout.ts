import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Html, html, unsafeHtml } from "../html.js";
import { type Lang, t } from "../i18n/index.js";

// Plain CSS inline: the page must render on a slow connection with one request and no JavaScript.
// The CSP admits this one <style> element by its hash (STYLE_HASH), never inline styles in general.
const STYLE = unsafeHtml(`
*{box-sizing:border-box}
body{margin:0;font-family:Sarabun,"TH Sarabun New",Tahoma,"Noto Sans Thai",sans-serif;font-size:1.0625rem;line-height:1.6;color:#1b1b1b;background:#f6f7f9}
a{color:#0b4f9c}a:focus,button:focus,input:focus,textarea:focus,select:focus,.table-wrap:focus{outline:3px solid #f1b300;outline-offset:2px}
.gov{background:#12325e;color:#fff;font-size:.875rem;padding:.25rem 1rem}
.bar,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding-top:.5rem;padding-bottom:.5rem}
.bar .agency{font-weight:700;font-size:1.125rem;margin:0;min-width:0}
.bar .lang,.bar .account{flex:none;display:inline-flex;align-items:center;min-height:44px;padding:0 .5rem;margin-right:-.5rem}
main{background:#fff;border-radius:.5rem;padding:1rem 1.25rem 1.5rem;margin-bottom:1rem;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.25rem 0 .5rem}
label{display:block;font-weight:600;margin-top:1rem}
.hint{color:#3d4551;font-size:.9375rem;margin:.125rem 0 .25rem}
input[type=text],input[type=email],input[type=tel],input[type=password],textarea{width:100%;padding:.625rem;font:inherit;border:1px solid #565c65;border-radius:.25rem}
textarea{min-height:8rem}
input[type=file]{margin-top:.25rem;width:100%;font:inherit}
input[type=file]::file-selector-button{min-height:44px;margin-right:.75rem;padding:.5rem 1rem;font:inherit;color:#1b1b1b;background:#f0f4fa;border:1px solid #565c65;border-radius:.25rem}
.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400;padding:.25rem 0}.check input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
button{margin-top:1.25rem;font:inherit;font-weight:700;padding:.75rem 1.5rem;border:0;border-radius:.25rem;background:#0b4f9c;color:#fff;min-height:48px;width:100%}
.privacy{background:#f0f4fa;border-left:4px solid #0b4f9c;padding:.5rem .75rem;font-size:.9375rem;margin-top:1rem}
.privacy h2{font-size:1rem;margin:0 0 .25rem}
.errors{border:2px solid #b50909;background:#fdf0f0;padding:.5rem .75rem;border-radius:.25rem}
.errors h2{font-size:1.0625rem;margin:0;color:#8b0a03}
.ok{border:2px solid #00703c;background:#ecf7f0;padding:.5rem .75rem;border-radius:.25rem}
dl.receipt{display:grid;grid-template-columns:minmax(8rem,40%) 1fr;gap:.375rem .75rem;margin:1rem 0}
dl.receipt dt{font-weight:600;color:#3d4551}dl.receipt dd{margin:0}
.number{font-size:1.75rem;font-weight:700;letter-spacing:.02em}
.refused{color:#8b0a03}.accepted{color:#00703c}
.track{word-break:break-all}
.skip{position:absolute;left:-9999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}
body.wide header,body.wide main,body.wide footer,body.wide nav.office{max-width:80rem}
nav.office{max-width:46rem;margin:0 auto .5rem;padding:0 1rem;display:flex;flex-wrap:wrap;gap:0 1rem;align-items:center}
nav.office a,nav.office button{font-size:.9375rem}nav.office a{display:inline-flex;align-items:center;min-height:44px}
nav.office form{margin:0}nav.office button{margin:0;width:auto;min-height:44px;padding:.25rem .75rem;background:#565c65}
.inline{display:inline}.inline button{width:auto;margin:0 .25rem 0 0;padding:.375rem .75rem;min-height:44px}
table{border-collapse:collapse;width:100%;font-size:.9375rem}th,td{border-bottom:1px solid #dfe1e2;padding:.375rem .5rem;text-align:left;vertical-align:top;overflow-wrap:normal}
td:first-child{white-space:nowrap}td a{display:inline-block;min-height:44px;min-width:44px}
th{background:#f0f0f0}tr.overdue td{background:#fdf0f0}tr.due-soon td{background:#fff5d6}tr.cancelled td{color:#565c65;text-decoration:line-through}
.badge{display:inline-block;padding:0 .375rem;border-radius:.25rem;font-size:.8125rem;font-weight:700}
.badge.overdue{background:#b50909;color:#fff}.badge.due-soon{background:#f1b300;color:#1b1b1b}
.table-wrap{overflow-x:auto}.table-wrap table{min-width:44rem}
fieldset{border:1px solid #dfe1e2;border-radius:.25rem;margin:1rem 0;padding:.5rem .75rem}legend{font-weight:600;padding:0 .25rem}
select{font:inherit;padding:.5rem;border:1px solid #565c65;border-radius:.25rem;max-width:100%;min-height:44px;background:#fff;color:#1b1b1b}
input[type=date],input[type=time],input[type=datetime-local]{font:inherit;padding:.5rem;border:1px solid #565c65;border-radius:.25rem;max-width:100%;min-height:44px}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:0 .75rem}.filters select,.filters input{width:100%}.filters button{grid-column:1/-1}
.exports a{display:inline-flex;align-items:center;min-height:44px}
form.action{border-top:1px solid #dfe1e2;margin-top:1.5rem}form.action select{width:100%}
.checks li{margin:.5rem 0}button.danger{background:#b50909}
footer{font-size:.875rem;color:#3d4551;padding-bottom:2rem}
footer ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 1rem;margin:0;padding:0}footer li a{display:inline-flex;align-items:center;min-height:44px}
@media (max-width:30rem){dl.receipt{grid-template-columns:1fr}dl.receipt dd{margin-bottom:.5rem}}
.pre{white-space:pre-wrap;overflow-wrap:anywhere}
.status-banner{background:#fff5d6;color:#1b1b1b;border-bottom:3px solid #f1b300;padding:.5rem 1rem}.status-banner p{max-width:44rem;margin:0 auto;font-weight:600}
.status-banner.outage{background:#fdf0f0;border-color:#b50909}
@media print{body{background:#fff;font-size:12pt}.gov,.skip,.bar .lang,.bar .account,nav.office,form{display:none}main{max-width:none;margin:0;padding:0;border-radius:0}a{color:#000}h2{break-after:avoid}li{break-inside:avoid}}
`);

/** The CSP source admitting the layout's stylesheet, e.g. `'sha256-…'`. */
export const STYLE_HASH = `'sha256-${crypto.createHash("sha256").update(STYLE.value).digest("base64")}'`;

/** A link of the footer, e.g. the agency's terms of use (WS-2); the capability that owns the pages sets them. */
export interface FooterLink {
  href: string;
  label: string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** WS-2: the footer's links for this request, set by a hook before the page is sent. */
    footerLinks?: FooterLink[];
    /** A link in the header beside the language switch (the citizen's account), set by a hook. */
    headerLink?: FooterLink;
    /** WS-4: the service's status notices, shown under the government banner; set by a hook. */
    statusBanner?: StatusBanner[];
  }
}

/** A status notice in the page frame: `outage` is announced as an alert, `notice` politely (WS-4). */
export interface StatusBanner {
  kind: "notice" | "outage";
  text: string;
}

export interface PageOptions {
  lang: Lang;
  title: string;
  agencyName: string;
  /** The same page in the other language. */
  switchHref: string;
  body: Html;
  /** The back office's menu (who is signed in, sign out: WS-3), shown under the header. */
  nav?: Html;
  /** Wider pages for registers and tables. */
  wide?: boolean;
  /** WS-2: contact, terms of use, privacy and security pages, on every public page. */
  footerLinks?: FooterLink[];
  /** The footer navigation's accessible name. */
  footerLabel?: string;
  /** A link in the header beside the language switch. */
  headerLink?: FooterLink;
  /** WS-4: status notices under the government banner. */
  statusBanner?: StatusBanner[];
}

/** The frame of every public page: government banner, language switch, main landmark (WS-2, WS-3). */
export function renderPage(options: PageOptions): string {
  const { lang } = options;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — ${options.agencyName}</title>
<style>${STYLE}</style>
</head>
<body${options.wide ? html` class="wide"` : ""}>
<a class="skip" href="#main">${t(lang, "site.skip")}</a>
<header>
<div class="gov" role="note">${t(lang, "site.govBanner")}</div>
${(options.statusBanner ?? []).map((b) => html`<div class="status-banner ${b.kind}" role="${b.kind === "outage" ? "alert" : "status"}" data-status-banner="${b.kind}"><p>${b.text}</p></div>`)}
<div class="bar">
<p class="agency">${options.agencyName}</p>
${options.headerLink ? html`<a class="account" href="${options.headerLink.href}">${options.headerLink.label}</a>` : ""}<a class="lang" href="${options.switchHref}" lang="${lang === "th" ? "en" : "th"}">${t(lang, "lang.switch")}</a>
</div>
</header>
${options.nav ?? ""}
<main id="main">
${options.body}
</main>
<footer>${
    options.footerLinks?.length
      ? html`<nav aria-label="${options.footerLabel ?? ""}"><ul>${options.footerLinks.map((link) => html`<li><a href="${link.href}">${link.label}</a></li>`)}</ul></nav>`
      : ""
  }<p>Borikan · ${options.agencyName}</p></footer>
</body>
</html>`.value;
}

/** `path` with `lang=` set, keeping the rest of its query. */
export function withLang(path: string, lang: Lang): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("lang", lang);
  return `${url.pathname}${url.search}`;
}

/** Sends a page in the request's language and agency, never cached (it may hold personal data). */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: Pick<PageOptions, "title" | "body" | "nav" | "wide">,
) {
  const agencyName = req.lang === "th" ? req.agency.nameTh : req.agency.nameEn;
  const switchHref = withLang(req.url, req.lang === "th" ? "en" : "th");
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      renderPage({
        lang: req.lang,
        agencyName,
        switchHref,
        footerLinks: req.footerLinks,
        footerLabel: t(req.lang, "site.footerNav"),
        headerLink: req.headerLink,
        statusBanner: req.statusBanner,
        ...page,
      }),
    );
}
