import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { hasMessage, t } from "../../platform/i18n/index.js";
import type { OutgoingMail } from "../../platform/mail/transport.js";
import type { FailedMessage, KeptMessage } from "../message-states.js";

const kindLabel = (l: FastifyRequest["lang"], kind: string) => {
  const key = `outbox.kind.${kind}`;
  return hasMessage(key) ? t(l, key) : kind;
};

/** Says plainly whether anything can be sent; without a mail server nothing below has gone anywhere. */
const banner = (l: FastifyRequest["lang"], mailConfigured: boolean) =>
  mailConfigured
    ? html`<div class="ok" role="status"><p>${t(l, "outbox.configuredHint")}</p></div>`
    : html`<div class="errors" role="alert"><p><strong>${t(l, "outbox.notConfigured")}</strong></p></div>`;

/** The outgoing mail kept because no mail server is configured (also the demo's way to read them). */
export function outboxView(
  req: FastifyRequest,
  view: {
    base: string;
    timeZone: string;
    mailConfigured: boolean;
    messages: KeptMessage[];
    failed?: FailedMessage[];
  },
) {
  const l = req.lang;
  const when = (d: Date) => formatDateTime(l, d, view.timeZone);
  return html`<h1 id="outbox-title">${t(l, "outbox.title")}</h1>
${banner(l, view.mailConfigured)}
${
  view.messages.length === 0
    ? html`<p>${t(l, "outbox.none")}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="outbox-title" tabindex="0"><table><thead><tr><th scope="col">${t(l, "receipt.number")}</th><th scope="col">${t(l, "outbox.kind")}</th><th scope="col">${t(l, "outbox.recipient")}</th><th scope="col">${t(l, "outbox.queuedAt")}</th><th scope="col"></th></tr></thead><tbody>
${view.messages.map(
  (m) =>
    html`<tr data-outbox="${m.id}"><td>${entryLink(view.base, m)}</td><td>${kindLabel(l, m.kind)}</td><td>${m.recipient}</td><td>${when(m.createdAt)}</td><td><a href="${view.base}/outbox/${m.id}">${t(l, "outbox.read")}</a></td></tr>`,
)}
</tbody></table></div>`
}
${failedTable(l, view.base, view.failed ?? [], when)}`;
}

/** CH-12: messages that will not be sent, with why — a refusal for good says so in the server's words. */
function failedTable(
  l: FastifyRequest["lang"],
  base: string,
  failed: FailedMessage[],
  when: (d: Date) => string,
) {
  if (failed.length === 0) return "";
  const reason = (text: string) =>
    text.startsWith("refused: ")
      ? t(l, "ackState.refused", { reason: text.slice("refused: ".length) })
      : text.startsWith("invalid-recipient")
        ? t(l, "ackState.invalidRecipient")
        : `${t(l, "ackState.failed")}: ${text}`;
  return html`<h2 id="outbox-failed">${t(l, "outbox.failedTitle")}</h2>
<div class="table-wrap" role="region" aria-labelledby="outbox-failed" tabindex="0"><table><thead><tr><th scope="col">${t(l, "receipt.number")}</th><th scope="col">${t(l, "outbox.kind")}</th><th scope="col">${t(l, "outbox.recipient")}</th><th scope="col">${t(l, "outbox.failedReason")}</th><th scope="col"></th></tr></thead><tbody>
${failed.map(
  (m) =>
    html`<tr data-outbox-failed="${m.id}"><td>${entryLink(base, m)}</td><td>${kindLabel(l, m.kind)}</td><td>${m.recipient}</td><td>${reason(m.reason)}</td><td>${when(m.at)}</td></tr>`,
)}
</tbody></table></div>`;
}

/** One message not sent, written as it would be sent now. */
export function outboxMessageView(
  req: FastifyRequest,
  view: {
    base: string;
    mailConfigured: boolean;
    mail: OutgoingMail;
    entryId: string | null;
    receiptNumber: string;
  },
) {
  const l = req.lang;
  return html`<h1>${t(l, "outbox.message", { recipient: view.mail.to })}</h1>
${banner(l, view.mailConfigured)}
<p>${t(l, "outbox.composedNow")}</p>
<dl class="receipt">
<dt>${t(l, "receipt.number")}</dt><dd>${entryLink(view.base, view)}</dd>
<dt>${t(l, "outbox.recipient")}</dt><dd>${view.mail.to}</dd>
<dt>${t(l, "outbox.subject")}</dt><dd>${view.mail.subject}</dd>
</dl>
<pre style="white-space:pre-wrap;overflow-wrap:anywhere">${view.mail.text}</pre>
<p><a href="${view.base}/outbox">${t(l, "outbox.back")}</a></p>`;
}

/** The receipt number linking to its entry; a dash for a message about no entry (a resume link, a code). */
function entryLink(base: string, m: { entryId: string | null; receiptNumber: string }) {
  return m.entryId === null ? "—" : html`<a href="${base}/entries/${m.entryId}">${m.receiptNumber}</a>`;
}
