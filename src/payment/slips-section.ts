import { boundFormToken } from "../platform/form-token.js";
import { type Html, html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { formatBaht } from "./money.js";
import type { PaymentDeps } from "./payment-deps.js";
import type { ApplicantPaymentContext } from "./payment-sections.js";
import { listMatterSlips } from "./slips.repo.js";

/** The slip form's CSRF token: bound to the tracked entry, only its payment page carries it (PY-2). */
export const slipFormToken = (secret: string, entryId: string) =>
  boundFormToken(secret, "payment-slip", entryId);

/**
 * PY-2 on the applicant's payment page: the slips they sent and what became of each (a rejection with
 * its reason), and, while a notice is open, the form to send one (which notice, when several).
 */
export async function slipsSection(
  deps: PaymentDeps,
  ctx: ApplicantPaymentContext,
): Promise<Html | undefined> {
  const { req, matter } = ctx;
  const lang = req.lang;
  const db = deps.handle.db;
  const open = ctx.notices.filter((n) => n.status === "open");
  const slips = await listMatterSlips(db, matter.id);
  if (open.length === 0 && slips.length === 0) return undefined;
  const q = `?t=${encodeURIComponent(ctx.token)}`;
  const maxFile = `${Math.round(deps.limits.maxFileBytes / (1024 * 1024))} MB`;
  const sent = slips.map(
    (s) =>
      html`<li>${formatDateTime(lang, s.receivedAt, req.agency.timeZone)}: ${t(lang, `slips.state.${s.state}`)}${
        s.state === "rejected" && s.reason ? html` — ${t(lang, "slips.reason", { reason: s.reason })}` : ""
      }</li>`,
  );
  const noticeField =
    open.length > 1
      ? html`<p><label for="slip-notice">${t(lang, "slips.section.notice")}</label>
<select id="slip-notice" name="notice" required>${open.map(
          (n) => html`<option value="${n.id}">Ref1 ${n.ref1} — ${formatBaht(n.amountSatang)}</option>`,
        )}</select></p>`
      : "";
  const form =
    open.length > 0
      ? html`<form method="post" action="${ctx.base}/payment/slips${q}" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${slipFormToken(deps.secret, ctx.entryId)}">
${noticeField}
<p><label for="slip-file">${t(lang, "slips.section.file")}</label>
<input id="slip-file" type="file" name="slip" accept="image/jpeg,image/png,application/pdf" required></p>
<p><button type="submit">${t(lang, "slips.section.send")}</button></p>
</form>`
      : "";
  return html`<section aria-labelledby="slips-title">
<h2 id="slips-title">${t(lang, "slips.section.title")}</h2>
${open.length > 0 ? html`<p>${t(lang, "slips.section.intro", { maxFile })}</p>` : ""}
${sent.length > 0 ? html`<h3>${t(lang, "slips.section.sent")}</h3><ul>${sent}</ul>` : ""}
${form}
</section>`;
}
