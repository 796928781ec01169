import { html } from "../../platform/html.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { Licence } from "../licence.js";
import { pick, statusText, validText } from "./public-register.view.js";

/** Large type for a screen read from across the room; served as a stylesheet of our own origin (CSP). */
export const DISPLAY_CSS = `*{box-sizing:border-box}
body{margin:0;padding:2vh 3vw;font-family:Sarabun,"TH Sarabun New",Tahoma,"Noto Sans Thai",sans-serif;background:#fff;color:#1b1b1b;line-height:1.35}
header p{font-size:clamp(1rem,2.5vw,2rem);margin:0 0 1vh;color:#12325e;font-weight:700}
main{display:flex;flex-wrap:wrap;gap:3vw;align-items:flex-start}
.text{flex:1 1 28rem;min-width:0;overflow-wrap:anywhere}
h1{font-size:clamp(1.5rem,4vw,3.5rem);margin:0 0 1vh}
.number{font-size:clamp(1.5rem,5vw,4.5rem);font-weight:700;margin:0}
.status{font-size:clamp(1.25rem,3.5vw,3rem);font-weight:700;margin:1vh 0}
.status.issued{color:#00703c}.status.revoked,.status.suspended,.status.expired{color:#8b0a03}
dl{display:grid;grid-template-columns:minmax(8rem,35%) 1fr;gap:.5vh 1.5vw;font-size:clamp(1rem,2.4vw,2rem);margin:1vh 0}
dt{font-weight:700;color:#3d4551}dd{margin:0}
figure{margin:0;text-align:center;flex:0 0 auto}figure img{width:clamp(10rem,24vw,22rem);height:auto}
figcaption{font-size:clamp(1rem,2vw,1.75rem)}
`;

export interface DisplayView {
  lang: Lang;
  agencyName: string;
  title: string;
  /** Seconds until the next licence (meta refresh: no script runs on the premises screen). */
  seconds: number;
  nextHref: string;
  cssHref: string;
  licence?: Licence;
  qrPng?: Buffer;
}

/** LC-3, s.13: one licence at a time in large type, with the QR of its verification link. */
export function displayPage(view: DisplayView): string {
  const { lang, licence } = view;
  const body = licence
    ? html`<div class="text"><h1>${pick(lang, licence.title)}</h1><p class="number">${licence.number}</p>
<p class="status ${licence.status}">${statusText(lang, licence.status)}</p>
<dl><dt>${t(lang, "licenceRegister.detail.holder")}</dt><dd>${licence.holderName}</dd>
${licence.fields.map((field) => html`<dt>${pick(lang, field.label)}</dt><dd>${field.value}</dd>`)}
<dt>${t(lang, "licenceRegister.col.valid")}</dt><dd>${validText(lang, licence)}</dd></dl></div>
${view.qrPng ? html`<figure><img src="data:image/png;base64,${view.qrPng.toString("base64")}" alt="${t(lang, "licenceRegister.qrAlt", { number: licence.number })}"><figcaption>${t(lang, "licenceRegister.display.scan")}</figcaption></figure>` : ""}`
    : html`<p class="number">${t(lang, "licenceRegister.display.empty")}</p>`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${String(view.seconds)};url=${view.nextHref}">
<title>${view.title} — ${view.agencyName}</title>
<link rel="stylesheet" href="${view.cssHref}">
</head>
<body>
<header><p>${t(lang, "licenceRegister.display.heading", { agency: view.agencyName })}</p></header>
<main>${body}</main>
</body>
</html>`.value;
}
