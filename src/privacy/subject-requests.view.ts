import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import type { SubjectRequest } from "./subject-request.js";
import { isOverdue, SUBJECT_REQUEST_KINDS } from "./subject-request-statuses.js";

export const when = (req: FastifyRequest, iso: string) =>
  formatDateTime(req.lang, new Date(iso), req.agency.timeZone);

/** The clock of a request: its due time, flagged when overdue (PD-3). */
export const clockCell = (req: FastifyRequest, r: SubjectRequest, now: Date): Html =>
  html`${when(req, r.dueAt)}${isOverdue(r, now) ? html` <strong class="badge warn">${t(req.lang, "subjects.overdue")}</strong>` : ""}`;

export const kindOptions = (req: FastifyRequest): Html =>
  html`${SUBJECT_REQUEST_KINDS.map((k) => html`<option value="${k}">${t(req.lang, `subjects.kind.${k}` as const)}</option>`)}`;

/** The citizen's form: the right, what is asked, and optionally for whom with the delegation's reference. */
export function subjectRequestForm(req: FastifyRequest, csrfToken: string): Html {
  const base = req.basePath;
  return html`<h1>${t(req.lang, "subjects.newTitle")}</h1>
<p>${t(req.lang, "subjects.how")}</p>
<form method="post" action="${base}/account/privacy-requests">
<input type="hidden" name="_csrf" value="${csrfToken}">
<p><label for="kind">${t(req.lang, "subjects.kindLabel")}</label><br><select id="kind" name="kind" required>${kindOptions(req)}</select></p>
<p><label for="details">${t(req.lang, "subjects.detailsLabel")}</label><br><textarea id="details" name="details" rows="5" maxlength="4000" required></textarea></p>
<fieldset><legend>${t(req.lang, "subjects.forAnother")}</legend>
<p><label for="subjectName">${t(req.lang, "subjects.subjectName")}</label><br><input id="subjectName" name="subjectName" maxlength="200"></p>
<p><label for="delegationId">${t(req.lang, "subjects.delegationId")}</label><br><input id="delegationId" name="delegationId" maxlength="36"></p>
</fieldset>
<p><button type="submit">${t(req.lang, "subjects.submit")}</button></p>
</form>`;
}

/** The citizen's list: each request's clock, status, the answer or reasons, and the export's link. */
export function citizenRequestsView(req: FastifyRequest, rows: SubjectRequest[], now: Date): Html {
  const base = req.basePath;
  const items = rows.map(
    (r) => html`<li><strong>${t(req.lang, `subjects.kind.${r.kind}` as const)}</strong>
<br>${t(req.lang, "subjects.received")}: ${when(req, r.receivedAt)} · ${t(req.lang, "subjects.due")}: ${clockCell(req, r, now)}
<br>${t(req.lang, "subjects.status")}: ${t(req.lang, `subjects.status.${r.status}` as const)}
${r.answer ? html`<br>${t(req.lang, "subjects.answer")}: ${r.answer}` : ""}
${r.refusalReason ? html`<br>${t(req.lang, "subjects.refusal")}: ${r.refusalReason}` : ""}
${r.exportKey ? html`<br><a href="${base}/account/privacy-requests/${r.id}/export">${t(req.lang, "subjects.download")}</a> <small>${t(req.lang, "subjects.exportReady")}</small>` : ""}</li>`,
  );
  return html`<h1>${t(req.lang, "subjects.title")}</h1>
<p>${t(req.lang, "subjects.how")}</p>
${rows.length ? html`<ul class="plain">${items}</ul>` : html`<p>${t(req.lang, "subjects.none")}</p>`}
<p><a href="${base}/account/privacy-requests/new">${t(req.lang, "subjects.new")}</a></p>`;
}
