import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import type { SignatureTrustRootRow } from "../trust-roots.table.js";

export type Notice = { kind: "ok" | "error"; text: string };

/** RV-4: the admin's list of trusted roots, each removable, and the form to add one (paste or file). */
export function trustRootsView(
  req: Parameters<typeof csrfField>[0],
  roots: SignatureTrustRootRow[],
  opts: { notices: Notice[]; verifierAvailable: boolean; addedBy: Map<string, string> },
): Html {
  const lang = req.lang;
  const base = `${req.basePath}/office/review/trust-roots`;
  const tz = req.agency.timeZone;
  return html`<h1>${t(lang, "review.roots.title")}</h1>
<p class="hint">${t(lang, "review.roots.intro")}</p>
${opts.verifierAvailable ? "" : html`<div class="errors" role="alert" data-verifier="unavailable"><p>${t(lang, "review.roots.unavailable")}</p></div>`}
${opts.notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
${
  roots.length === 0
    ? html`<p data-roots="none">${t(lang, "review.roots.none")}</p>`
    : html`<ul class="roots">${roots.map(
        (r) => html`<li data-root="${r.id}"><strong>${r.name}</strong>
<dl class="receipt">
<dt>${t(lang, "review.roots.subject")}</dt><dd>${r.subject}</dd>
<dt>SHA-256</dt><dd><code>${r.sha256}</code></dd>
<dt>${t(lang, "review.roots.validTo")}</dt><dd>${formatDateTime(lang, new Date(r.valid_to), tz)}</dd>
</dl>
<p class="hint">${t(lang, "review.roots.addedBy", { name: opts.addedBy.get(r.added_by) ?? r.added_by, at: formatDateTime(lang, new Date(r.added_at), tz) })}</p>
<form method="post" action="${base}/${r.id}/remove" class="inline">${csrfField(req)}<button type="submit">${t(lang, "review.roots.remove")}</button></form>
</li>`,
      )}</ul>`
}
<form method="post" action="${base}" enctype="multipart/form-data" class="action">${csrfField(req)}
<h2>${t(lang, "review.roots.add")}</h2>
<label for="root-name">${t(lang, "review.roots.nameHint")}</label>
<input type="text" id="root-name" name="name" maxlength="200">
<label for="root-pem">${t(lang, "review.roots.pem")}</label>
<textarea id="root-pem" name="pem" rows="8" maxlength="20000" spellcheck="false"></textarea>
<label for="root-file">${t(lang, "review.roots.file")}</label>
<input type="file" id="root-file" name="file" accept=".pem,.crt,.cer,application/x-x509-ca-cert,application/pkix-cert">
<button type="submit">${t(lang, "review.roots.add")}</button>
</form>`;
}
