import type { Agency } from "../../../agencies/index.js";
import { contactPhone } from "../../../agencies/index.js";
import { type Html, html } from "../../../platform/html.js";
import { refusalText } from "../../../platform/http/form-errors.js";
import { formatDateTime } from "../../../platform/i18n/format.js";
import { hasMessage, type Lang, t } from "../../../platform/i18n/index.js";
import {
  type AcknowledgementState,
  type AttachmentRecord,
  ackViaLabel,
  type Entry,
} from "../../../register/index.js";

export interface ReceiptView {
  lang: Lang;
  agency: Agency;
  entry: Entry;
  matterStatus: string;
  /** CH-4: where the acknowledgement stands; the page never says emailed unless a mail server took it. */
  acknowledgement: AcknowledgementState;
  attachments: AttachmentRecord[];
  trackingUrl: string;
  /** Just submitted (confirmation) rather than looked up later (tracking). */
  isConfirmation: boolean;
  limits: { maxFileMb: number; maxRequestMb: number; maxFiles: number };
  /** #12 tracking (TR-1, WS-5): the matter's timeline, awaited party, expected date and withdraw form. */
  timeline?: Html;
}

/** Why a file was refused, as the applicant and the API read it (the same sentence officers see). */
export const refusalMessage = refusalText;

/** Keeps a value such as "02 123 4567" on one line: a phone number split across lines is misdialled. */
const unbroken = (text: string) => text.replace(/ /g, "\u00a0");

/** CH-4, CH-12: how the citizen was acknowledged, or honestly why not yet. */
function acknowledgementText(
  lang: Lang,
  ack: AcknowledgementState,
  p: { email: string; phone: string; when: (d: Date) => string },
): string {
  switch (ack.status) {
    case "acknowledged": {
      if (ack.via === "web-page") return t(lang, "receipt.ackOnPage");
      return t(lang, "receipt.ackSent", {
        at: ack.at ? p.when(ack.at) : "",
        via: ackViaLabel(lang, ack.via),
      });
    }
    case "queued":
      return t(lang, "receipt.ackByEmail", { email: p.email });
    case "not_sent":
      return t(lang, "receipt.ackNotSent", { email: p.email, phone: p.phone });
    case "failed":
      return t(lang, "receipt.ackFailed", { email: p.email, phone: p.phone });
    case "uncertain":
      return t(lang, "receipt.ackUncertain", { email: p.email });
    default:
      return t(lang, "receipt.ackNone");
  }
}

/**
 * The confirmation a citizen may keep as evidence (001 §7.1 ข้อ 3) and the tracking page (TR-1): receipt
 * number, receipt time, working start, acknowledgement, files accepted and refused, status.
 */
export function receiptView(view: ReceiptView) {
  const { lang, agency, entry } = view;
  const when = (d: Date) => formatDateTime(lang, d, agency.timeZone);
  const afterHours = entry.workingStart.getTime() !== entry.receivedAt.getTime();
  const status = hasMessage(`status.${view.matterStatus}`)
    ? t(lang, `status.${view.matterStatus}` as never)
    : view.matterStatus;
  const ack = acknowledgementText(lang, view.acknowledgement, {
    email: entry.senderEmail ?? "",
    phone: unbroken(contactPhone(agency)),
    when,
  });
  return html`
<div class="ok" role="status"><h1>${
    view.isConfirmation
      ? t(lang, "receipt.title")
      : t(lang, "receipt.trackTitle", { receiptNumber: entry.receiptNumber })
  }</h1><p>${t(lang, "receipt.keep")}</p></div>
<dl class="receipt">
<dt>${t(lang, "receipt.number")}</dt><dd class="number" data-testid="receipt-number">${entry.receiptNumber}</dd>
<dt>${t(lang, "receipt.agency")}</dt><dd>${lang === "th" ? agency.nameTh : agency.nameEn}</dd>
<dt>${t(lang, "receipt.subject")}</dt><dd>${entry.subject}</dd>
<dt>${t(lang, "receipt.receivedAt")}</dt><dd data-testid="received-at">${when(entry.receivedAt)}</dd>
<dt>${t(lang, "receipt.workingStart")}</dt><dd data-testid="working-start">${when(entry.workingStart)}</dd>
<dt>${t(lang, "receipt.acknowledgeBy")}</dt><dd data-testid="acknowledge-by">${when(entry.acknowledgeBy)}</dd>
<dt>${t(lang, "receipt.status")}</dt><dd>${status}</dd>
</dl>
${afterHours ? html`<p>${t(lang, "receipt.afterHours", { workingStart: when(entry.workingStart) })}</p>` : ""}
<p data-testid="acknowledgement">${ack}</p>
${view.timeline ?? ""}
<h2>${t(lang, "receipt.files")}</h2>
${
  view.attachments.length === 0
    ? html`<p>${t(lang, "receipt.noFiles")}</p>`
    : html`<ul>${view.attachments.map((a) =>
        a.refusalCode
          ? html`<li class="refused" data-testid="file-refused">${a.filename} — ${t(
              lang,
              "receipt.fileRefused",
              {
                reason: refusalMessage(lang, a.refusalCode, view.limits),
              },
            )}</li>`
          : html`<li class="accepted" data-testid="file-accepted">${a.filename} — ${t(lang, "receipt.fileAccepted")}</li>`,
      )}</ul>`
}
<p>${t(lang, "receipt.trackLink")}: <a class="track" href="${view.trackingUrl}">${view.trackingUrl}</a></p>
<p>${t(lang, "receipt.phone", { phone: unbroken(contactPhone(agency)) })}</p>`;
}
