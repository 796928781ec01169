import type { FastifyRequest } from "fastify";
import { html, unsafeHtml } from "../../../platform/html.js";
import { formatDateTime } from "../../../platform/i18n/format.js";
import { t } from "../../../platform/i18n/index.js";

/**
 * A mail as received, by its own row: a possible duplicate and the earlier mail it repeats (RG-4) are
 * opened side by side before an officer decides. Sanitised, nothing remote loaded (CH-6).
 */
export function mailMessageView(
  req: FastifyRequest,
  view: {
    base: string;
    id: string;
    internalDate: Date;
    headers: [string, string][];
    body: string;
    isHtml: boolean;
  },
) {
  const l = req.lang;
  const at = formatDateTime(l, view.internalDate, req.agency.timeZone);
  return html`<h1>${t(l, "mail.message", { at })}</h1>
<p><a href="${view.base}/mail">${t(l, "mail.backToMailbox")}</a> · <a href="${view.base}/mail/messages/${view.id}/mail.eml">${t(l, "mail.downloadThisEml")}</a></p>
<p>${t(l, "mail.remoteBlocked")}</p>
<dl class="receipt">${view.headers.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<section class="mail-body" aria-label="${t(l, "entry.body")}">${
    // Only ever the output of sanitiseMailHtml.
    view.isHtml ? unsafeHtml(view.body) : html`<p class="pre">${view.body}</p>`
  }</section>`;
}
