import type { FastifyRequest } from "fastify";
import type { Agency } from "../../agencies/index.js";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import type { DocumentSigner } from "../../platform/pdf/index.js";

export type Notice = { kind: "ok" | "error"; text: string };

/**
 * LC-3, LC-1: the agency's licence origin (the host its QR codes lead to) and its emblem; the state of its
 * document signer said as it is (none, demo, the agency's own).
 */
export function licenceSettingsView(
  req: FastifyRequest,
  agency: Agency,
  opts: { notices: Notice[]; signer?: DocumentSigner; originValue?: string; maxEmblemKb: number },
): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/licences/settings`;
  const hosts = [...new Set([...agency.hostnames, agency.domain].filter(Boolean))];
  const signer = opts.signer
    ? opts.signer.description.demo
      ? t(l, "issuance.settings.signer.demo")
      : t(l, "issuance.settings.signer.own")
    : t(l, "issuance.settings.signer.none");
  return html`<h1>${t(l, "issuance.settings.title")}</h1>
${opts.notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
<section class="card" data-testid="licence-origin"><h2>${t(l, "issuance.settings.origin")}</h2>
<p data-origin="${agency.licenceOrigin ?? ""}">${
    agency.licenceOrigin
      ? html`${t(l, "issuance.settings.originNow")} <code>${agency.licenceOrigin}</code>`
      : html`<strong>${t(l, "issuance.settings.originNone")}</strong>`
  }</p>
<p class="hint">${t(l, "issuance.settings.originHint")}</p>
${hosts.length ? html`<p class="hint">${t(l, "issuance.settings.ownHosts")} ${hosts.map((h, i) => html`${i ? ", " : ""}<code>${h}</code>`)}</p>` : ""}
<form method="post" action="${base}/origin">${csrfField(req)}
<label for="origin">${t(l, "issuance.settings.originLabel")}</label>
<input type="url" id="origin" name="origin" required maxlength="200" inputmode="url" placeholder="https://eservice.example.go.th" value="${opts.originValue ?? agency.licenceOrigin ?? ""}">
<button type="submit">${t(l, "issuance.settings.save")}</button>
</form></section>
<section class="card" data-testid="licence-emblem"><h2>${t(l, "issuance.settings.emblem")}</h2>
<p data-emblem="${agency.emblemKey ? "set" : "none"}">${agency.emblemKey ? t(l, "issuance.settings.emblemSet") : t(l, "issuance.settings.emblemNone")}</p>
<form method="post" action="${base}/emblem" enctype="multipart/form-data">${csrfField(req)}
<label for="emblem">${t(l, "issuance.settings.emblemLabel", { kb: opts.maxEmblemKb })}</label>
<input type="file" id="emblem" name="emblem" accept="image/png,image/jpeg" required>
<button type="submit">${t(l, "issuance.settings.upload")}</button>
</form></section>
<section class="card" data-testid="licence-signer"><h2>${t(l, "issuance.settings.signer")}</h2>
<p data-signer="${opts.signer ? (opts.signer.description.demo ? "demo" : "own") : "none"}">${signer}</p></section>`;
}
