import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { OpenDataSettings } from "../open-data-settings.js";
import type { OpenDataPushesTable } from "../opendata.table.js";

export type Notice = { kind: "ok" | "error"; text: string };

const ZONE = "Asia/Bangkok";

/** The last push said as it went: never, pushed at …, or failed at … with the catalogue's message. */
function lastPushText(req: FastifyRequest, last: OpenDataPushesTable | undefined): Html {
  const l = req.lang;
  if (!last) return html`<p data-push="never">${t(l, "opendata.push.never")}</p>`;
  const at = formatDateTime(l, new Date(last.finished_at), ZONE);
  return last.outcome === "pushed"
    ? html`<p data-push="pushed">${t(l, "opendata.push.pushedAt", { at, dataset: last.dataset, url: last.ckan_url })}</p>`
    : html`<p data-push="failed" role="alert">${t(l, "opendata.push.failedAt", { at })} <code>${last.error ?? ""}</code></p>`;
}

/** PR-4, OD-1: the open-data licence, the CKAN catalogue (token never shown back) and the last push. */
export function openDataView(
  req: FastifyRequest,
  v: { settings: OpenDataSettings; last?: OpenDataPushesTable; notices: Notice[] },
): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/open-data`;
  const { licence, ckan } = v.settings;
  const field = (name: string, label: string, value: string, type = "text", extra = html``) =>
    html`<label for="${name}">${label}</label><input type="${type}" id="${name}" name="${name}" value="${value}" maxlength="300"${extra}>`;
  const configured = ckan.url !== "" && ckan.ownerOrg !== "" && ckan.dataset !== "" && ckan.tokenHint;
  return html`<h1>${t(l, "opendata.title")}</h1>
${v.notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
<p>${t(l, "opendata.intro")} <a href="${req.basePath}/licences/metadata.json">${t(l, "opendata.metadataLink")}</a></p>
<section class="card" data-testid="open-data-licence"><h2>${t(l, "opendata.licence")}</h2>
<p data-licence="${licence.id}">${t(l, "opendata.licenceNow")} <a href="${licence.url}" rel="license">${licence.title}</a>${v.settings.defaults ? html` (${t(l, "opendata.licenceDefault")})` : ""}</p>
<form method="post" action="${base}/licence">${csrfField(req)}
${field("licenseId", t(l, "opendata.licenseId"), licence.id, "text", html` required`)}
${field("licenseTitle", t(l, "opendata.licenseTitle"), licence.title, "text", html` required`)}
${field("licenseUrl", t(l, "opendata.licenseUrl"), licence.url, "url", html` required inputmode="url"`)}
<button type="submit">${t(l, "opendata.save")}</button></form></section>
<section class="card" data-testid="open-data-ckan"><h2>${t(l, "opendata.ckan")}</h2>
<p data-ckan="${ckan.enabled ? "enabled" : configured ? "disabled" : "unconfigured"}">${ckan.enabled ? t(l, "opendata.ckan.enabled") : configured ? t(l, "opendata.ckan.disabled") : t(l, "opendata.ckan.unconfigured")}</p>
<form method="post" action="${base}/ckan">${csrfField(req)}
${field("ckanUrl", t(l, "opendata.ckan.url"), ckan.url, "url", html` inputmode="url" placeholder="https://catalog.example.go.th"`)}
${field("ckanOwnerOrg", t(l, "opendata.ckan.ownerOrg"), ckan.ownerOrg)}
${field("ckanDataset", t(l, "opendata.ckan.dataset"), ckan.dataset)}
<label for="ckanToken">${t(l, "opendata.ckan.token")}</label>
<input type="password" id="ckanToken" name="ckanToken" autocomplete="off" maxlength="2000" aria-describedby="ckanTokenHint">
<p class="hint" id="ckanTokenHint" data-token="${ckan.tokenHint ? "set" : "none"}">${ckan.tokenHint ? t(l, "opendata.ckan.tokenSet", { hint: ckan.tokenHint }) : t(l, "opendata.ckan.tokenNone")}</p>
<p><input type="checkbox" id="enabled" name="enabled" value="on"${ckan.enabled ? html` checked` : ""}> <label for="enabled">${t(l, "opendata.ckan.enable")}</label></p>
<button type="submit">${t(l, "opendata.save")}</button></form></section>
<section class="card" data-testid="open-data-push"><h2>${t(l, "opendata.push")}</h2>
${lastPushText(req, v.last)}
${configured ? html`<form method="post" action="${base}/push">${csrfField(req)}<button type="submit">${t(l, "opendata.push.now")}</button></form>` : html`<p class="hint">${t(l, "opendata.push.needsSettings")}</p>`}
</section>`;
}
