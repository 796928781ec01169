import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { type FieldLabels, refusalText, type ShownLimits } from "../../platform/http/form-errors.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import { type AcknowledgementState, OTHER_ACKNOWLEDGEMENT_WAYS } from "../acknowledgement-state.js";
import type { AttachmentRecord, Entry } from "../entry.js";
import type { EntryAction } from "../statuses.js";
import { ackStatusText, ackViaLabel } from "./acknowledgement-text.js";

export interface EntryView {
  base: string;
  entry: Entry;
  attachments: AttachmentRecord[];
  matterReceiptNumber: string;
  units: { id: string; name: string }[];
  scannedByName?: string;
  /** CH-4: where the acknowledgement stands; who recorded one given another way. */
  acknowledgement: AcknowledgementState;
  acknowledgedByName?: string;
  /** The agency's local time now (`YYYY-MM-DDTHH:MM`), the default of the acknowledgement form. */
  nowLocal: string;
  /** CH-8: agencies a misdirected request may be referred to. */
  referrals: { id: string; name: string; contact: string }[];
  timeZone: string;
  /** The upload limits, which the sentences for refused files quote. */
  limits: ShownLimits;
  notice?: { kind: "ok" | "error"; text: string };
  /** What this officer may do to the entry now (`allowedActions` over ENTRY_STATUSES). */
  actions: readonly EntryAction[];
  /** #11: what other capabilities show of the entry (its application), after its files. */
  panels?: Html;
}

/** The labels of the entry page's forms, by field name, for errors that name a field. */
export const ENTRY_LABELS: FieldLabels = {
  unit: "entry.assign",
  unitId: "entry.assign",
  receiptNumber: "entry.link",
  referral: "entry.misdirected",
  note: "entry.misdirectedNote",
  reason: "entry.cancelReason",
  text: "entry.lineAnswer",
  way: "entry.ackWay",
  at: "entry.ackAt",
  address: "entry.confirmAddress",
};

export function entryView(req: FastifyRequest, view: EntryView) {
  const l = req.lang;
  const { entry } = view;
  const when = (d: Date) => formatDateTime(l, d, view.timeZone);
  const action = (name: string) => `${view.base}/entries/${entry.id}/${name}`;
  const row = (label: string, value: unknown) =>
    value ? html`<dt>${label}</dt><dd>${String(value)}</dd>` : "";
  const open = entry.status !== "cancelled";
  // The forms are the actions the status table allows this officer from the entry's status.
  const can = (name: EntryAction) => view.actions.includes(name);
  return html`<h1>${t(l, "entry.title", { receiptNumber: entry.receiptNumber })}</h1>
${view.notice ? html`<div class="${view.notice.kind === "ok" ? "ok" : "errors"}" role="${view.notice.kind === "ok" ? "status" : "alert"}"><p>${view.notice.text}</p></div>` : ""}
${entry.cancelledAt ? html`<p class="errors">${t(l, "entry.cancelledBy", { at: when(entry.cancelledAt), reason: entry.cancelReason ?? "" })}</p>` : ""}
<dl class="receipt">
${row(t(l, "entry.sender"), entry.senderName)}
${row(t(l, "entry.contact"), [entry.senderEmail, entry.senderPhone].filter(Boolean).join(", "))}
${row(t(l, "entry.addressee"), entry.addressee)}
${row(t(l, "entry.letterReference"), entry.letterReference)}
${row(t(l, "entry.letterDate"), entry.letterDate)}
${row(t(l, "register.subject"), entry.subject)}
${row(t(l, "register.channel"), t(l, `channel.${entry.channel}` as MessageKey))}
${row(t(l, "receipt.receivedAt"), when(entry.receivedAt) + (entry.receivedAtClaimed ? ` (${t(l, "entry.receivedAtClaimed")})` : ""))}
${row(t(l, "entry.senderClaimedAt"), entry.senderClaimedAt && when(entry.senderClaimedAt))}
${row(t(l, "entry.forwardedBy"), entry.forwardedBy)}
${row(t(l, "entry.signature"), entry.signature)}
${row(t(l, "receipt.workingStart"), when(entry.workingStart))}
${row(t(l, "receipt.acknowledgeBy"), when(entry.acknowledgeBy))}
${row(
  t(l, "entry.ackState"),
  entry.acknowledgedAt
    ? [
        `${when(entry.acknowledgedAt)} — ${ackViaLabel(l, entry.acknowledgedVia)}`,
        entry.acknowledgedBy &&
          t(l, "entry.ackRecordedBy", { name: view.acknowledgedByName ?? entry.acknowledgedBy }),
        entry.acknowledgementNote,
      ]
        .filter(Boolean)
        .join("; ")
    : ackStatusText(l, view.acknowledgement),
)}
${
  // #10, CH-4: why no acknowledgement was sent, while an officer has to look, with the From as received.
  entry.ackWithheld && !entry.acknowledgedAt
    ? html`<dt>${t(l, "entry.ackWithheld")}</dt><dd class="errors" data-flag="ack-withheld">${t(l, `ackWithheld.${entry.ackWithheld}` as MessageKey)}</dd>`
    : ""
}
${entry.ackWithheld ? row(t(l, "entry.senderRaw"), entry.senderRaw) : ""}
${row(t(l, "entry.matter"), view.matterReceiptNumber)}
<dt></dt><dd><a href="${view.base}/matters/${entry.matterId}">${t(l, "casework.openMatter")}</a></dd>
${entry.scannedBy ? row("RG-6", t(l, "entry.scannedBy", { name: view.scannedByName ?? entry.scannedBy, device: entry.scanDevice ?? "" })) : ""}
</dl>
${entry.misdirectedAt ? html`<p class="errors">${t(l, "entry.misdirectedAt", { at: when(entry.misdirectedAt), referral: view.referrals.find((r) => r.id === entry.referredAgencyId)?.name ?? t(l, "entry.noReferral") })}</p>` : ""}
${entry.body ? html`<h2>${t(l, "entry.body")}</h2><p class="pre">${entry.body}</p>` : ""}
${entry.channel === "email" ? html`<p><a href="${action("mail")}">${t(l, "entry.viewMail")}</a></p>` : ""}
${
  entry.channel === "line" && open
    ? html`<form class="action" method="post" action="${action("line-answer")}">${csrfField(req)}
<label for="lineAnswer">${t(l, "entry.lineAnswer")}</label><textarea id="lineAnswer" name="text" required maxlength="4000"></textarea>
<button type="submit">${t(l, "entry.lineAnswerSend")}</button></form>`
    : ""
}
<h2>${t(l, "entry.files")}</h2>
${
  view.attachments.length === 0
    ? html`<p>${t(l, "receipt.noFiles")}</p>`
    : html`<ul>${view.attachments.map((a) =>
        a.refusalCode
          ? html`<li class="refused">${a.filename} — ${t(l, "entry.fileRefused", { reason: refusalText(l, a.refusalCode, view.limits) })}</li>`
          : html`<li><a href="${action(`files/${a.id}`)}">${a.filename}</a> (${a.mediaType}, ${a.size} B)${
              a.viewableKey && a.viewableKey !== a.storageKey
                ? html` · <a href="${action(`files/${a.id}?view=jpeg`)}">${t(l, "entry.viewJpeg")}</a>`
                : ""
            }</li>`,
      )}</ul>`
}
${view.panels ?? ""}
${
  can("assign-unit")
    ? html`<form class="action" method="post" action="${action("unit")}">${csrfField(req)}
<label for="unit">${t(l, "entry.assign")}</label><select id="unit" name="unitId"><option value="">${t(l, "entry.noUnit")}</option>${view.units.map(
        (u) => html`<option value="${u.id}"${entry.unitId === u.id ? " selected" : ""}>${u.name}</option>`,
      )}</select>
<button type="submit">${t(l, "entry.save")}</button></form>`
    : ""
}
${
  can("link-matter")
    ? html`<form class="action" method="post" action="${action("matter")}">${csrfField(req)}
<label for="receiptNumber">${t(l, "entry.link")}</label><input type="text" id="receiptNumber" name="receiptNumber" placeholder="${t(l, "entry.linkHint")}" required>
<button type="submit">${t(l, "entry.save")}</button></form>`
    : ""
}
${
  entry.misdirectedAt || !can("misdirected")
    ? ""
    : html`<form class="action" method="post" action="${action("misdirected")}">${csrfField(req)}
<label for="referralId">${t(l, "entry.misdirected")}</label><select id="referralId" name="referralId"><option value="">${t(l, "entry.noReferral")}</option>${view.referrals.map(
        (r) => html`<option value="${r.id}">${r.name} (${r.contact})</option>`,
      )}</select>
<label for="misdirectedNote">${t(l, "entry.misdirectedNote")}</label><input type="text" id="misdirectedNote" name="note" maxlength="1000">
<button type="submit">${t(l, "entry.misdirectedSend")}</button></form>`
}
${
  entry.channel === "email" && entry.ackWithheld && !entry.acknowledgedAt && can("confirm-sender-address")
    ? html`<form class="action" method="post" action="${action("sender-address")}">${csrfField(req)}
<label for="address">${t(l, "entry.confirmAddress")}</label><input type="email" id="address" name="address" required maxlength="254" value="${entry.replyTo ?? entry.senderEmail ?? ""}">
<button type="submit">${t(l, "entry.confirmAddressSend")}</button></form>`
    : ""
}
${entry.acknowledgedAt || !can("acknowledge-other-way") ? "" : acknowledgementForm(req, action("acknowledgement"), view.nowLocal)}
${
  can("cancel")
    ? html`<form class="action" method="post" action="${action("cancel")}">${csrfField(req)}
<label for="reason">${t(l, "entry.cancelReason")}</label><input type="text" id="reason" name="reason" required minlength="3" maxlength="1000">
<button type="submit" class="danger">${t(l, "entry.cancel")}</button></form>`
    : ""
}`;
}

/** CH-4: the officer records an acknowledgement given by phone, on paper or in person. */
function acknowledgementForm(req: FastifyRequest, action: string, nowLocal: string) {
  const l = req.lang;
  return html`<form class="action" method="post" action="${action}">${csrfField(req)}
<h2>${t(l, "entry.ackRecord")}</h2><p class="hint">${t(l, "entry.ackRecordHint")}</p>
<label for="ackWay">${t(l, "entry.ackWay")}</label><select id="ackWay" name="way">${OTHER_ACKNOWLEDGEMENT_WAYS.map(
    (w) => html`<option value="${w}">${ackViaLabel(l, w)}</option>`,
  )}</select>
<label for="ackAt">${t(l, "entry.ackAt")}</label><input type="datetime-local" id="ackAt" name="at" value="${nowLocal}" max="${nowLocal}" required>
<label for="ackNote">${t(l, "entry.ackNote")}</label><input type="text" id="ackNote" name="note" maxlength="1000">
<button type="submit">${t(l, "entry.ackRecordSend")}</button></form>`;
}
