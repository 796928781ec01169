import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { Matter } from "../../register/index.js";
import type { ApprovalDecisionRow } from "../approval.table.js";
import type { ChainLevel } from "../chain.js";

/** What the panel shows, read by `approvalPanel`. */
export interface ApprovalPanelData {
  matter: Matter;
  levels: ChainLevel[];
  /** This round's decisions, by level. */
  decisions: ApprovalDecisionRow[];
  nextLevel: number;
  canSubmit: boolean;
  canDecide: boolean;
  /** Officers who fit the next level: whom a paper decision may name. */
  paperDeciders: { id: string; name: string }[];
  names: Map<string, string>;
  letters: Map<string, string>;
  delayNotices: { at: Date; noticeNumber: number; letterNumber: string; opdcCopy: string }[];
  delayReasonRecorded: boolean;
  isLate: boolean;
  opdcEmail: string | null;
}

const levelLabel = (lang: Lang, l: ChainLevel) => (lang === "th" ? l.label_th : l.label_en || l.label_th);

function decisionText(lang: Lang, d: ApprovalDecisionRow, data: ApprovalPanelData, tz: string): Html {
  const who = data.names.get(d.decided_by.replace(/^staff:/, "")) ?? d.decided_by;
  const letter = d.letter_id ? data.letters.get(d.letter_id) : undefined;
  return html`${t(lang, `approval.decision.${d.decision}`)} — ${who}, ${formatDateTime(lang, new Date(d.decided_at), tz)}
${d.reasons ? html`<br>${t(lang, "approval.reasons")}: ${d.reasons}` : ""}
${d.remedy ? html`<br>${t(lang, "approval.remedy")}: ${d.remedy}` : ""}
${letter ? html`<br>${t(lang, "approval.letter", { number: letter })}` : ""}
${d.evidence_attachment ? html`<br>${t(lang, "approval.paperEvidence", { pages: d.scan_pages ?? 0, sheetPages: d.sheet_pages ?? 0, device: d.scan_device ?? "" })}` : ""}`;
}

function decisionFields(lang: Lang): Html {
  return html`<fieldset><legend>${t(lang, "approval.decision")}</legend>
<label class="check"><input type="radio" name="decision" value="approve" required><span>${t(lang, "approval.decision.approve")}</span></label>
<label class="check"><input type="radio" name="decision" value="refuse"><span>${t(lang, "approval.decision.refuse")}</span></label>
<label class="check"><input type="radio" name="decision" value="send-back"><span>${t(lang, "approval.decision.send-back")}</span></label></fieldset>
<label for="reasonKind">${t(lang, "approval.reasonKind")}</label><select id="reasonKind" name="reasonKind"><option value="">—</option>
${(["incomplete", "unqualified", "other"] as const).map((k) => html`<option value="${k}">${t(lang, `approval.reasonKind.${k}`)}</option>`)}</select>
<label for="reasons">${t(lang, "approval.reasons")}</label><textarea id="reasons" name="reasons" rows="3"></textarea>
<label for="remedy">${t(lang, "approval.remedy")}</label><textarea id="remedy" name="remedy" rows="3"></textarea>
<p class="hint">${t(lang, "approval.reasonsHint")}</p>`;
}

/** AP-1, LF-5: the approval panel of the officer's matter page. */
export function approvalPanelView(req: FastifyRequest, data: ApprovalPanelData): Html {
  const lang = req.lang;
  const tz = req.agency.timeZone;
  const { matter } = data;
  const base = `${req.basePath}/office/matters/${matter.id}/approval`;
  const version = html`<input type="hidden" name="expectedVersion" value="${matter.version}">`;
  const byLevel = new Map(data.decisions.map((d) => [d.level, d]));
  const chain = html`<ol class="approval-chain">${data.levels.map((l, i) => {
    const d = byLevel.get(i + 1);
    const state = d
      ? decisionText(lang, d, data, tz)
      : i + 1 === data.nextLevel && matter.status === "awaiting_approval"
        ? t(lang, "approval.awaiting")
        : "—";
    return html`<li><strong>${levelLabel(lang, l)}</strong> (${t(lang, `role.${l.role}`)}): ${state}</li>`;
  })}</ol>`;
  const decided = matter.decidedAt
    ? html`<p role="status">${t(lang, "approval.decidedAt", { at: formatDateTime(lang, matter.decidedAt, tz) })}</p>`
    : "";
  const submit = data.canSubmit
    ? html`<form method="post" action="${base}/submit">${csrfField(req)}${version}<button type="submit">${t(lang, "approval.submit")}</button></form>`
    : "";
  const decide = data.canDecide
    ? html`<form method="post" action="${base}/decide">${csrfField(req)}${version}${decisionFields(lang)}<button type="submit">${t(lang, "approval.record")}</button></form>`
    : "";
  const paper =
    matter.status === "awaiting_approval"
      ? html`<details><summary>${t(lang, "approval.paper")}</summary>
<p><a href="${base}/sheet.pdf">${t(lang, "approval.sheet")}</a></p>
${
  data.paperDeciders.length
    ? html`<form method="post" action="${base}/paper" enctype="multipart/form-data">${csrfField(req)}${version}
<label for="decider">${t(lang, "approval.paperDecider", { level: data.nextLevel })}</label><select id="decider" name="decider" required>${data.paperDeciders.map((o) => html`<option value="${o.id}">${o.name}</option>`)}</select>
${decisionFields(lang)}
<label for="scan">${t(lang, "approval.scan")}</label><input type="file" id="scan" name="scan" required accept=".pdf,.jpg,.jpeg,.png">
<label for="scanDevice">${t(lang, "paper.scanDevice")}</label><input type="text" id="scanDevice" name="scanDevice" required>
<label class="check"><input type="checkbox" name="completenessChecked" value="yes" required><span>${t(lang, "approval.scanComplete")}</span></label>
<button type="submit">${t(lang, "approval.recordPaper")}</button></form>`
    : html`<p>${t(lang, "approval.noDecider")}</p>`
}</details>`
      : "";
  const delays =
    data.isLate || data.delayNotices.length
      ? html`<h3>${t(lang, "approval.delay.title")}</h3>
${data.isLate && !data.delayReasonRecorded ? html`<p class="errors" role="alert">${t(lang, "approval.delay.noReason")}</p>` : ""}
${data.opdcEmail ? "" : html`<p class="errors">${t(lang, "approval.delay.opdcNotConfigured")}</p>`}
<ul>${data.delayNotices.map(
          (n) =>
            html`<li>${t(lang, "approval.delay.notice", { n: n.noticeNumber, at: formatDateTime(lang, n.at, tz), number: n.letterNumber })} — ${
              n.opdcCopy === "queued"
                ? t(lang, "approval.delay.copyQueued", { to: data.opdcEmail ?? "" })
                : t(lang, "approval.delay.copyNotSent")
            }</li>`,
        )}</ul>`
      : "";
  return html`<section class="panel" aria-labelledby="approval-title"><h2 id="approval-title">${t(lang, "approval.title")}</h2>
${chain}${decided}${submit}${decide}${paper}${delays}</section>`;
}
