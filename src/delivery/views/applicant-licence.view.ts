import type { Licence } from "../../licensing/index.js";
import { type Html, html } from "../../platform/html.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { DeliveryRow } from "../deliveries.repo.js";

export interface ApplicantLicenceView {
  lang: Lang;
  timeZone: string;
  receiptNumber: string;
  licence: Licence | undefined;
  deliveries: DeliveryRow[];
  download: string;
  tracking: string;
}

/** One delivery as the applicant reads it: the channel and, honestly, where it stands. */
export function deliveryLine(lang: Lang, timeZone: string, d: DeliveryRow): Html {
  const when = (iso: string | null) => (iso ? ` — ${formatDateTime(lang, new Date(iso), timeZone)}` : "");
  const at = d.status === "downloaded" ? d.downloaded_at : d.status === "bounced" ? d.bounced_at : d.sent_at;
  const state =
    d.channel === "download" && d.status === "queued"
      ? t(lang, "delivery.status.waiting")
      : t(lang, `delivery.status.${d.status}`);
  return html`<li data-channel="${d.channel}" data-status="${d.status}">${t(lang, `delivery.channel.${d.channel}`)}: ${state}${when(at)}${
    d.protected ? html` — ${t(lang, `delivery.password.${d.password_channel ?? "none"}`)}` : ""
  }</li>`;
}

/** DL-4: the applicant's licence: its number, status and validity, the download, how it was delivered. */
export function applicantLicenceView(v: ApplicantLicenceView): Html {
  const { lang, licence } = v;
  const back = html`<p><a href="${v.tracking}">${t(lang, "delivery.page.back")}</a></p>`;
  if (!licence)
    return html`<h1>${t(lang, "delivery.page.heading")}</h1>
<p class="notice" data-testid="no-licence">${t(lang, "delivery.page.none", { receiptNumber: v.receiptNumber })}</p>${back}`;
  const confidentialWaiting = licence.confidential && v.deliveries.length === 0;
  return html`<h1>${t(lang, "delivery.page.heading")}</h1>
<section class="card" data-testid="licence" data-status="${licence.status}">
<h2>${lang === "en" ? licence.title.en || licence.title.th : licence.title.th}</h2>
<dl class="receipt">
<dt>${t(lang, "delivery.page.number")}</dt><dd data-testid="licence-number">${licence.number}</dd>
<dt>${t(lang, "delivery.page.status")}</dt><dd data-testid="licence-status">${t(lang, `delivery.licenceStatus.${licence.status}`)}</dd>
<dt>${t(lang, "delivery.page.holder")}</dt><dd>${licence.holderName}</dd>
<dt>${t(lang, "delivery.page.validFrom")}</dt><dd>${formatDate(lang, licence.validFrom)}</dd>
<dt>${t(lang, "delivery.page.validUntil")}</dt><dd>${licence.validUntil ? formatDate(lang, licence.validUntil) : t(lang, "delivery.page.noEnd")}</dd>
</dl>
${
  confidentialWaiting
    ? html`<p class="notice" data-testid="protected-waiting">${t(lang, "delivery.page.protectedWaiting")}</p>`
    : html`<p><a class="button" data-testid="licence-download" href="${v.download}" download>${t(lang, licence.confidential ? "delivery.page.downloadZip" : "delivery.page.download")}</a></p>`
}
${licence.confidential ? html`<p data-testid="protected-note">${t(lang, "delivery.page.protectedNote")}</p>` : ""}
${
  v.deliveries.length
    ? html`<h3>${t(lang, "delivery.page.deliveries")}</h3><ul data-testid="deliveries">${v.deliveries.map((d) => deliveryLine(lang, v.timeZone, d))}</ul>`
    : ""
}
</section>${back}`;
}
