import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import type { PaymentAccountRow } from "../payment.table.js";
import { THAI_BANKS } from "../thai-banks.js";

export type Notice = { kind: "ok" | "error"; text: string };

/** A secret just generated: shown on this one page only, beside the URL the bank is to call. */
export interface ShownSecret {
  accountId: string;
  secret: string;
}

/** The form fields of one account (empty for a new one). */
function accountFields(req: FastifyRequest, a: PaymentAccountRow | undefined): Html {
  const lang = req.lang;
  const id = a?.id ?? "new";
  const field = (name: string, key: Parameters<typeof t>[1], value: string, extra = "") =>
    html`<label for="${name}-${id}">${t(lang, key)}</label>
<input type="text" id="${name}-${id}" name="${name}" value="${value}" ${extra}>`;
  return html`<label for="bankCode-${id}">${t(lang, "payment.accounts.bank")}</label>
<select id="bankCode-${id}" name="bankCode">${THAI_BANKS.map(
    (b) =>
      html`<option value="${b.code}" ${a?.bank_code === b.code ? "selected" : ""}>${b.code} ${lang === "th" ? b.th : b.en}</option>`,
  )}</select>
${field("accountNumber", "payment.accounts.accountNumber", a?.account_number ?? "", 'inputmode="numeric" maxlength="20" required')}
${field("accountName", "payment.accounts.accountName", a?.account_name ?? "", 'maxlength="200" required')}
${field("billerId", "payment.accounts.billerId", a?.biller_id ?? "", 'inputmode="numeric" maxlength="15"')}
<p class="hint">${t(lang, "payment.accounts.billerIdHint")}</p>
${field("compCode", "payment.accounts.compCode", a?.comp_code ?? "", 'inputmode="numeric" maxlength="10"')}
<label><input type="checkbox" name="isDefault" value="1" ${a === undefined || a.is_default ? "checked" : ""}> ${t(lang, "payment.accounts.isDefault")}</label>`;
}

/** PY-1, PY-4: the agency's accounts, each editable, its callback secret's state, and a form to add one. */
export function accountsView(
  req: FastifyRequest,
  accounts: PaymentAccountRow[],
  opts: { notices: Notice[]; callbackUrl: string; shown?: ShownSecret },
): Html {
  const lang = req.lang;
  const base = `${req.basePath}/office/finance/accounts`;
  return html`<h1>${t(lang, "payment.accounts.title")}</h1>
<p class="hint">${t(lang, "payment.accounts.intro")}</p>
${opts.notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
${accounts.length === 0 ? html`<p data-accounts="none">${t(lang, "payment.accounts.none")}</p>` : ""}
${accounts.map(
  (a) => html`<section data-account="${a.id}">
<h2>${a.bank_name} ${a.account_number}${a.is_default ? html` <span class="tag">${t(lang, "payment.accounts.default")}</span>` : ""}</h2>
<form method="post" action="${base}/${a.id}" class="action">${csrfField(req)}
${accountFields(req, a)}
<button type="submit">${t(lang, "payment.accounts.save")}</button>
</form>
<h3>${t(lang, "payment.accounts.callback")}</h3>
${
  opts.shown?.accountId === a.id
    ? html`<div class="ok" role="status" data-secret="shown"><p>${t(lang, "payment.accounts.secretShownOnce")}</p>
<p><code data-callback-secret>${opts.shown.secret}</code></p>
<p>${t(lang, "payment.accounts.callbackUrl")} <code data-callback-url>${opts.callbackUrl}</code></p></div>`
    : html`<p data-secret="${a.callback_secret ? "set" : "none"}">${t(lang, a.callback_secret ? "payment.accounts.secretSet" : "payment.accounts.secretNone")}</p>
<p>${t(lang, "payment.accounts.callbackUrl")} <code>${opts.callbackUrl}</code></p>`
}
${a.biller_id ? "" : html`<p class="hint">${t(lang, "payment.accounts.noBillerId")}</p>`}
<form method="post" action="${base}/${a.id}/secret" class="inline">${csrfField(req)}<button type="submit">${t(lang, "payment.accounts.secretGenerate")}</button></form>
</section>`,
)}
<form method="post" action="${base}" class="action">${csrfField(req)}
<h2>${t(lang, "payment.accounts.add")}</h2>
${accountFields(req, undefined)}
<button type="submit">${t(lang, "payment.accounts.add")}</button>
</form>`;
}
