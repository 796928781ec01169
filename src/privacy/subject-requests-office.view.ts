import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { t } from "../platform/i18n/index.js";
import type { SubjectRequest } from "./subject-request.js";
import { clockCell, kindOptions, when } from "./subject-requests.view.js";

/** One open request's decision form (answer or refuse with reasons). */
const decideForm = (req: FastifyRequest, r: SubjectRequest): Html =>
  html`<form method="post" action="${req.basePath}/office/privacy/requests/${r.id}/decide">${csrfField(req)}
<input type="hidden" name="updatedAt" value="${r.updatedAt}">
<label for="text-${r.id}">${t(req.lang, "subjects.office.text")}</label><br><textarea id="text-${r.id}" name="text" rows="3" maxlength="4000"></textarea><br>
<button type="submit" name="action" value="answer">${t(req.lang, "subjects.office.answer")}</button>
<button type="submit" name="action" value="refuse">${t(req.lang, "subjects.office.refuse")}</button></form>`;

/** PD-3: the office list, open requests first with their 30-day clocks (overdue flagged), and the turn form. */
export function officeRequestsView(
  req: FastifyRequest,
  rows: SubjectRequest[],
  now: Date,
  entryId = "",
): Html {
  const lines = rows.map(
    (r) => html`<tr><td>${t(req.lang, `subjects.kind.${r.kind}` as const)}</td>
<td>${when(req, r.receivedAt)}</td><td>${clockCell(req, r, now)}</td>
<td>${t(req.lang, `subjects.status.${r.status}` as const)}</td>
<td>${t(req.lang, `subjects.proof.${r.proofKind}` as const)}</td>
<td>${r.status === "open" ? decideForm(req, r) : (r.answer ?? r.refusalReason ?? "")}</td></tr>`,
  );
  return html`<h1>${t(req.lang, "subjects.office.title")}</h1>
${
  rows.length
    ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t(req.lang, "subjects.office.kind")}</th><th scope="col">${t(req.lang, "subjects.received")}</th><th scope="col">${t(req.lang, "subjects.due")}</th><th scope="col">${t(req.lang, "subjects.status")}</th><th scope="col">${t(req.lang, "subjects.office.proof")}</th><th scope="col">${t(req.lang, "subjects.answer")}</th></tr></thead><tbody>${lines}</tbody></table></div>`
    : html`<p>${t(req.lang, "subjects.none")}</p>`
}
<h2 id="turn">${t(req.lang, "subjects.office.turnTitle")}</h2>
<form method="post" action="${req.basePath}/office/privacy/requests/turn">${csrfField(req)}
<p><label for="entryId">${t(req.lang, "subjects.office.entryId")}</label><br><input id="entryId" name="entryId" maxlength="36" required value="${entryId}"></p>
<p><label for="kind">${t(req.lang, "subjects.kindLabel")}</label><br><select id="kind" name="kind">${kindOptions(req)}</select></p>
<p><label for="details">${t(req.lang, "subjects.detailsLabel")}</label><br><textarea id="details" name="details" rows="3" maxlength="4000" required></textarea></p>
<p><label for="proofNote">${t(req.lang, "subjects.office.proofNote")}</label><br><input id="proofNote" name="proofNote" maxlength="500" required></p>
<p><button type="submit">${t(req.lang, "subjects.office.turn")}</button></p></form>`;
}
