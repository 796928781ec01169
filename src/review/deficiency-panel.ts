import type { FastifyRequest } from "fastify";
import { findServiceVersion } from "../catalog/index.js";
import { listMatterLetters } from "../correspondence/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { END_STATUSES, type Matter } from "../register/index.js";
import { findStaffName } from "../staff/index.js";
import { abandonClock } from "./abandon.js";
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, listContactAttempts } from "./contact-attempts.js";
import { type DeficiencyRecord, listDeficiencyRecords } from "./deficiency-records.repo.js";
import { DEFAULT_DEADLINE_DAYS } from "./deficiency-request.js";

export interface DeficiencyPanelDeps {
  handle: DatabaseHandle;
  clock: Clock;
}

/**
 * RV-2, RV-3, LF-2..4: what the officer's matter page shows of an application's deficiency record (its
 * form while in review), the attempts to reach the applicant and, for the head of agency, the approval to
 * close as abandoned after 30 calendar days. A `MatterPanel` (casework/): nothing for a general request.
 */
export function deficiencyPanel(deps: DeficiencyPanelDeps) {
  return async (req: FastifyRequest, matter: Matter): Promise<Html | undefined> => {
    if (matter.kind !== "application") return undefined;
    const db = deps.handle.db;
    const { lang } = req;
    const zone = req.agency.timeZone;
    const when = (d: Date) => formatDateTime(lang, d, zone);
    const action = `${req.basePath}/office/matters/${matter.id}/deficiency`;
    const roles = req.officeUser?.roles ?? [];
    const records = await listDeficiencyRecords(db, matter.id);
    const letters = new Map((await listMatterLetters(db, matter.id)).map((l) => [l.id, l]));
    const application = await findApplicationOfMatter(db, matter.id);
    const version = application && (await findServiceVersion(db, application.service_version_id));
    const checklist = (version?.definition.documents ?? []).filter(
      (d) => d.appliesTo === "all" || d.appliesTo === application?.applicant_type,
    );
    const kind = version?.definition.timeLimit?.dayKind ?? "business";
    const docName = (id: string) => {
      const doc = checklist.find((d) => d.id === id);
      return doc ? (lang === "en" ? (doc.name.en ?? doc.name.th) : doc.name.th) : id;
    };
    const recordView = async (r: DeficiencyRecord) => {
      const letter = letters.get(r.letterId);
      return html`<article class="deficiency" data-record="${r.ordinal}">
<h3>${t(lang, "deficiency.ordinal", { n: r.ordinal })}</h3>
<ol>${r.items.map((i) => html`<li>${docName(i.documentId)} (${t(lang, `deficiency.problem.${i.problem}`)})${i.note ? `: ${i.note}` : ""}</li>`)}</ol>
<p data-deadline-kind="${r.deadlineKind}">${t(lang, "deficiency.deadline", { days: r.deadlineDays, kind: t(lang, `dayKind.${r.deadlineKind}`), date: when(r.deadline) })}</p>
${letter ? html`<p><a href="${req.basePath}/office/letters/${letter.id}.pdf">${t(lang, "deficiency.letter", { number: letter.number })}</a></p>` : ""}
<p>${t(lang, "deficiency.officerAck", { name: (await findStaffName(db, r.officerAcknowledgedBy)) ?? "-", at: when(r.officerAcknowledgedAt) })}</p>
<p>${r.applicantAcknowledgedAt ? t(lang, "deficiency.applicantAck", { at: when(r.applicantAcknowledgedAt) }) : t(lang, "deficiency.applicantNotAck")}</p>
${r.fulfilledAt ? html`<p data-state="fulfilled">${t(lang, "deficiency.fulfilled", { at: when(r.fulfilledAt) })}</p>` : ""}
${r.lapsedAt ? html`<p data-state="lapsed">${t(lang, "deficiency.lapsed", { at: when(r.lapsedAt) })}</p>` : ""}
${r.overrideReason ? html`<p>${t(lang, "deficiency.override", { reason: r.overrideReason })}</p>` : ""}
</article>`;
    };
    const canOverride = roles.some((r) => r === "supervisor" || r === "head_of_agency");
    const showForm = matter.status === "in_review" && (records.length === 0 || canOverride);
    const form = html`<form class="action" method="post" action="${action}">${csrfField(req)}
<input type="hidden" name="version" value="${matter.version}">
<h3>${t(lang, "deficiency.form.title")}</h3>
<p class="hint">${t(lang, "deficiency.form.help")}</p>
${checklist.map(
  (
    d,
  ) => html`<fieldset><legend><label><input type="checkbox" name="item" value="${d.id}"> ${docName(d.id)}</label></legend>
<label>${t(lang, "deficiency.form.problem")} <select name="problem.${d.id}"><option value="missing">${t(lang, "deficiency.problem.missing")}</option><option value="defective">${t(lang, "deficiency.problem.defective")}</option></select></label>
<label>${t(lang, "deficiency.form.note")} <input name="note.${d.id}" maxlength="500"></label></fieldset>`,
)}
<label>${t(lang, "deficiency.form.days", { kind: t(lang, `dayKind.${kind}`) })} <input name="deadlineDays" type="number" min="1" max="90" value="${DEFAULT_DEADLINE_DAYS}" required></label>
${records.length > 0 ? html`<label>${t(lang, "deficiency.form.overrideReason")} <textarea name="overrideReason" required maxlength="2000"></textarea></label>` : ""}
<button type="submit">${t(lang, "deficiency.form.submit")}</button></form>`;
    return html`<section class="deficiency" aria-labelledby="deficiency-title">
<h2 id="deficiency-title">${t(lang, "deficiency.title")}</h2>
${await Promise.all(records.map(recordView))}
${showForm ? form : ""}
${END_STATUSES.includes(matter.status) ? "" : await contactView(deps, req, matter, action)}
</section>`;
  };
}

/** RV-3: the attempts to reach the applicant, the form for another, and the 30 calendar days' state. */
async function contactView(deps: DeficiencyPanelDeps, req: FastifyRequest, matter: Matter, action: string) {
  const { lang } = req;
  const when = (d: Date) => formatDateTime(lang, d, req.agency.timeZone);
  const attempts = await listContactAttempts(deps.handle.db, matter.id);
  const clock = await abandonClock(deps.handle.db, matter.agencyId, matter.id, deps.clock.now());
  const isHead = (req.officeUser?.roles ?? []).includes("head_of_agency");
  return html`<h3>${t(lang, "deficiency.contact.title")}</h3>
${attempts.length === 0 ? "" : html`<ul>${attempts.map((a) => html`<li data-outcome="${a.outcome}">${when(new Date(a.at))}: ${t(lang, `deficiency.contact.channel.${a.channel as "phone"}`)}, ${t(lang, `deficiency.contact.outcome.${a.outcome as "reached"}`)}</li>`)}</ul>`}
${clock ? html`<p data-abandon-days="${clock.daysPassed}">${t(lang, "deficiency.abandon.clock", { date: when(clock.firstUnreachableAt), days: clock.daysPassed })}</p>` : ""}
${clock?.proposed ? html`<p data-abandon="proposed">${t(lang, "deficiency.abandon.proposed")}</p>` : ""}
<form class="action" method="post" action="${action}/contact-attempts">${csrfField(req)}
<input type="hidden" name="version" value="${matter.version}">
<label>${t(lang, "deficiency.contact.channel")} <select name="channel">${CONTACT_CHANNELS.map((c) => html`<option value="${c}">${t(lang, `deficiency.contact.channel.${c}`)}</option>`)}</select></label>
<label>${t(lang, "deficiency.contact.outcome")} <select name="outcome">${CONTACT_OUTCOMES.map((o) => html`<option value="${o}">${t(lang, `deficiency.contact.outcome.${o}`)}</option>`)}</select></label>
<label>${t(lang, "deficiency.form.note")} <input name="note" maxlength="1000"></label>
<button type="submit">${t(lang, "deficiency.contact.submit")}</button></form>
${
  isHead && clock?.due
    ? html`<form class="action" method="post" action="${action}/abandon">${csrfField(req)}
<input type="hidden" name="version" value="${matter.version}">
<label>${t(lang, "deficiency.abandon.reason")} <textarea name="reason" required maxlength="2000"></textarea></label>
<button type="submit">${t(lang, "deficiency.abandon.submit")}</button></form>`
    : ""
}`;
}
