import {
  calculateFees,
  feeKindText,
  paymentTermsText,
  type ServiceDefinition,
} from "../../../catalog/index.js";
import { html } from "../../../platform/html.js";
import { type Lang, t } from "../../../platform/i18n/index.js";

const pick = (lang: Lang, text: { th: string; en?: string }) =>
  lang === "en" && text.en ? text.en : text.th;
const baht = (satang: number) =>
  (satang / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * PY-1: on "check your answers", the fees these answers would be asked once approved, honest that it is an
 * estimate paid later, with the manual's terms of payment; what cannot be estimated yet says which answer
 * it waits for.
 */
export function feeEstimateView(lang: Lang, definition: ServiceDefinition, answers: Record<string, unknown>) {
  if (definition.noFee) return html`<h2>${t(lang, "check.fees")}</h2><p>${t(lang, "check.feesNoFee")}</p>`;
  const result = calculateFees(definition, answers);
  const label = (field: string) => {
    const l = definition.form.ui.fields[field]?.label;
    return l ? pick(lang, l) : field;
  };
  const waiting = result.ok
    ? []
    : [
        ...new Set(
          result.failures.map((f) =>
            f.reason.startsWith("answer") ? label(f.about ?? "") : pick(lang, f.detail),
          ),
        ),
      ];
  return html`<h2>${t(lang, "check.fees")}</h2>
<p class="hint">${t(lang, "check.feesWhen")}</p>
${
  result.lines.length > 0
    ? html`<dl class="receipt">
${result.lines.map(
  (line) =>
    html`<dt>${pick(lang, line.detail)} <span class="hint">(${pick(lang, feeKindText(line.kind))})</span></dt><dd>${baht(line.amountSatang)} ${lang === "en" ? "baht" : "บาท"}${line.basis ? html`<br><span class="hint">${line.basis}</span>` : ""}</dd>`,
)}
${result.ok ? html`<dt>${t(lang, "check.feesTotal")}</dt><dd><strong>${baht(result.totalSatang)} ${lang === "en" ? "baht" : "บาท"}</strong></dd>` : ""}
</dl>`
    : result.ok
      ? html`<p>${t(lang, "check.feesNone")}</p>`
      : ""
}
${waiting.length > 0 ? html`<p class="refused">${t(lang, "check.feesUnknown", { fields: waiting.join(", ") })}</p>` : ""}
<p>${pick(lang, paymentTermsText(definition.payment))}</p>`;
}
