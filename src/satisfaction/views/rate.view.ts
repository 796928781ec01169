import { type Html, html } from "../../platform/html.js";
import { type Lang, type MessageKey, t } from "../../platform/i18n/index.js";

export interface RateFormView {
  receiptNumber: string;
  action: string;
  csrf: string;
  /** What was sent, shown again with the reason when it was refused. */
  rating?: number;
  comment?: string;
  error?: string;
}

/** Both languages on one label: the link reaches applicants who chose either (TR-3: Thai first). */
const both = (key: MessageKey) => `${t("th", key)} / ${t("en", key)}`;

/**
 * TR-3: the rating form: five radio buttons in a fieldset (each label in Thai and English), an
 * optional comment, one button. Plain HTML: no JavaScript, one column on a phone.
 */
export function rateFormView(l: Lang, v: RateFormView): Html {
  const score = (n: number) =>
    html`<div><label><input type="radio" name="rating" value="${String(n)}" required${v.rating === n ? " checked" : ""}> ${both(`satisfaction.score.${n}` as MessageKey)}</label></div>`;
  return html`<p>${t(l, "satisfaction.intro", { receiptNumber: v.receiptNumber })}</p>
${v.error ? html`<div class="error" role="alert" id="rate-error"><p>${v.error}</p></div>` : ""}
<form method="post" action="${v.action}" data-form="rate"><input type="hidden" name="_csrf" value="${v.csrf}">
<fieldset${v.error ? html` aria-describedby="rate-error"` : ""}><legend>${t(l, "satisfaction.legend")}</legend>
${[5, 4, 3, 2, 1].map(score)}</fieldset>
<label for="rate-comment">${t(l, "satisfaction.comment")}</label>
<textarea id="rate-comment" name="comment" rows="4" maxlength="1000" aria-describedby="rate-comment-hint">${v.comment ?? ""}</textarea>
<p class="hint" id="rate-comment-hint">${t(l, "satisfaction.commentHint")}</p>
<p class="hint">${t(l, "satisfaction.once")}</p>
<button type="submit">${t(l, "satisfaction.submit")}</button></form>`;
}

/** After a rating, or when the link is opened again: no form, what happened. */
export function rateDoneView(l: Lang, receiptNumber: string, justNow: boolean): Html {
  return justNow
    ? html`<p data-rated="now" role="status">${t(l, "satisfaction.thanksText", { receiptNumber })}</p>`
    : html`<p data-rated="before">${t(l, "satisfaction.given", { receiptNumber })}</p>`;
}
