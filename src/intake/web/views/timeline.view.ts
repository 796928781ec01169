import type { Agency } from "../../../agencies/index.js";
import { deliveryLabel } from "../../../notifications/index.js";
import { type Html, html } from "../../../platform/html.js";
import { formatDateTime } from "../../../platform/i18n/format.js";
import { hasMessage, type Lang, type MessageKey, t } from "../../../platform/i18n/index.js";
import type { MatterActionRecord } from "../../../register/index.js";
import type { Tracking } from "../tracking-timeline.js";

export interface TimelineLinks {
  /** `/requests/:beYear/:sequence` under the agency's prefix. */
  base: string;
  token: string;
  /** The CSRF token of the withdraw form (bound to the entry). */
  csrf: string;
}

/** What one action says to the applicant: its own label, else the status it led to. */
function actionText(lang: Lang, a: MatterActionRecord): string {
  const own = `tracking.action.${a.action}`;
  if (hasMessage(own)) return t(lang, own);
  return t(lang, "tracking.statusNow", { status: t(lang, `status.${a.to}` as MessageKey) });
}

/** The expected date with its kind of day named, or "paused — waiting for you" (LF-1, WS-5). */
function expected(lang: Lang, tr: Tracking, when: (d: Date) => string): string {
  if (tr.paused) return t(lang, "notify.expected.paused");
  if (!tr.expectedAt) return t(lang, "notify.expected.none");
  return t(lang, "notify.expected", {
    date: when(tr.expectedAt),
    kind: t(lang, `clock.${tr.dayKind ?? "business"}` as MessageKey),
  });
}

/**
 * TR-1, WS-5: the tracking page's timeline: the status and its explanation, whom it waits for, the
 * expected date, the next step, every public action with its letters, what the applicant was told,
 * the deficiency record's page while more is asked, and the withdraw button while it is allowed.
 */
export function timelineView(lang: Lang, agency: Agency, tr: Tracking, links: TimelineLinks): Html {
  const when = (d: Date) => formatDateTime(lang, d, agency.timeZone);
  const q = `?t=${encodeURIComponent(links.token)}`;
  const status = tr.matter.status;
  const letterLink = (id: string) => {
    const letter = tr.letters.find((l) => l.id === id);
    return letter
      ? html` — <a href="${links.base}/letters/${letter.id}.pdf${q}">${t(lang, "tracking.letter", { number: letter.number })}</a>`
      : "";
  };
  return html`<section class="timeline" data-testid="timeline">
<h2>${t(lang, "tracking.timeline")}</h2>
${
  status === "more_info_requested"
    ? html`<p class="notice" role="alert"><a class="button" data-testid="deficiency-link" href="${links.base}/deficiency${q}">${t(lang, "tracking.deficiency")}</a></p>`
    : ""
}${
  // #13 proofing: the ways to prove one's identity (ID-1, ID-2)
  status === "identity_check_required"
    ? html`<p class="notice" role="alert"><a class="button" data-testid="identity-link" href="${links.base}/identity${q}">${t(lang, "tracking.identity")}</a></p>`
    : ""
}${
  // #14 payment: how and by when to pay (PY-1); after paying, the payments and their e-receipts (PY-5)
  status === "awaiting_payment"
    ? html`<p class="notice" role="alert"><a class="button" data-testid="payment-link" href="${links.base}/payment${q}">${t(lang, "tracking.payment")}</a></p>`
    : tr.timeline.some((a) => a.action === "request-payment" || a.action === "add-payment-notice")
      ? html`<p><a data-testid="payment-link" href="${links.base}/payment${q}">${t(lang, "tracking.payments")}</a></p>`
      : ""
}${
  // #15 delivery: the licence, its status and its download, once issued (DL-4)
  tr.timeline.some((a) => a.action === "issue-licence")
    ? html`<p class="notice"><a class="button" data-testid="licence-link" href="${links.base}/licence${q}">${t(lang, "tracking.licence")}</a></p>`
    : ""
}${
  // #16 faqbench: the rating link of a closed matter not rated yet (TR-3)
  tr.ratingUrl
    ? html`<p class="notice"><a class="button" data-testid="rating-link" href="${tr.ratingUrl}">${t(lang, "faqbench.tracking.rate")}</a></p>`
    : ""
}
<dl class="receipt">
<dt>${t(lang, "receipt.status")}</dt><dd data-testid="status">${t(lang, `status.${status}` as MessageKey)}<br><small>${t(lang, `status.${status}.explain` as MessageKey)}</small></dd>
<dt>${t(lang, "tracking.awaited")}</dt><dd data-testid="awaited">${t(lang, `tracking.awaited.${tr.awaited}` as MessageKey)}</dd>
<dt>${t(lang, "tracking.expected")}</dt><dd data-testid="expected">${expected(lang, tr, when)}</dd>
<dt>${t(lang, "tracking.nextStep")}</dt><dd data-testid="next-step">${t(lang, `notify.next.${tr.awaited}` as MessageKey)}</dd>
</dl>
${
  tr.timeline.length === 0
    ? html`<p>${t(lang, "tracking.noActions")}</p>`
    : html`<ol class="events">${tr.timeline.map((a) => {
        const letterId = typeof a.payload.letterId === "string" ? a.payload.letterId : undefined;
        return html`<li data-action="${a.action}"><time datetime="${a.at.toISOString()}">${when(a.at)}</time> ${actionText(lang, a)}${letterId ? letterLink(letterId) : ""}</li>`;
      })}</ol>`
}
${
  tr.notifications.length === 0
    ? ""
    : html`<h3>${t(lang, "tracking.notifications")}</h3><ul data-testid="notifications">${tr.notifications.map(
        (n) =>
          html`<li data-status="${n.status}">${t(lang, "tracking.notified", {
            when: when(n.createdAt),
            event: t(lang, `notify.event.${n.event}` as MessageKey),
            channel: t(lang, `notify.channel.${n.channel}` as MessageKey),
            status: deliveryLabel(lang, n),
          })}</li>`,
      )}</ul>`
}
${
  tr.canWithdraw
    ? html`<form method="post" action="${links.base}/withdraw${q}" data-testid="withdraw-form">
<input type="hidden" name="_csrf" value="${links.csrf}"><input type="hidden" name="version" value="${String(tr.matter.version)}">
<button type="submit" class="secondary">${t(lang, "tracking.withdraw")}</button></form>`
    : ""
}
</section>`;
}

/** The confirm step of withdrawing: the same form again, with `confirm=yes`, and a way back. */
export function withdrawConfirmView(
  lang: Lang,
  view: { receiptNumber: string; action: string; back: string; csrf: string; version: number },
): Html {
  return html`<h1>${t(lang, "tracking.withdraw")}</h1>
<p>${t(lang, "tracking.withdrawConfirm", { receiptNumber: view.receiptNumber })}</p>
<form method="post" action="${view.action}"><input type="hidden" name="_csrf" value="${view.csrf}">
<input type="hidden" name="version" value="${String(view.version)}"><input type="hidden" name="confirm" value="yes">
<button type="submit" class="danger" data-testid="withdraw-confirm">${t(lang, "tracking.withdrawYes")}</button></form>
<p><a href="${view.back}">${t(lang, "tracking.withdrawNo")}</a></p>`;
}
