import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate, formatDateTime } from "../../platform/i18n/format.js";
import { t } from "../../platform/i18n/index.js";
import { announcementGiven, announcementHeading } from "../announcement-pdf.js";
import type { AnnouncementKind, AnnouncementRow } from "../correspondence.table.js";
import type { AnnouncementDraft } from "../issue-announcement.js";

const kindLabel = (req: FastifyRequest, kind: string) =>
  t(
    req.lang,
    kind === "s10" ? "announcements.s10" : kind === "s13" ? "announcements.s13" : "announcements.s16",
  );

/** CH-1, CH-13: the public list of the agency's announcements in force. */
export function publicAnnouncementsView(req: FastifyRequest, base: string, list: AnnouncementRow[]) {
  const l = req.lang;
  return html`<h1>${t(l, "announcements.title")}</h1>
${
  list.length === 0
    ? html`<p>${t(l, "announcements.none")}</p>`
    : html`<ul>${list.map(
        (a) =>
          html`<li data-kind="${a.kind}"><a href="${base}/announcements/${a.id}">${kindLabel(req, a.kind)}: ${a.title}</a> — ${t(l, "announcements.from", { date: formatDate(l, a.effective_from) })} (<a href="${base}/announcements/${a.id}.pdf">PDF</a>)</li>`,
      )}</ul>`
}`;
}

/** One announcement as its text reads (the HTML form of its PDF). */
export function announcementView(
  req: FastifyRequest,
  base: string,
  a: AnnouncementRow,
  agencyName: string,
  givenOn: string,
) {
  return html`<article class="announcement">
${announcementHeading(a, agencyName).map((line, i) => (i === 0 ? html`<h1>${line}</h1>` : html`<p class="center"><strong>${line}</strong></p>`))}
${a.text.split("\n").map((p) => html`<p>${p}</p>`)}
<p class="center">${announcementGiven(a, givenOn)}</p>
<p class="center">(${a.signer_name})<br>${a.signer_position}</p>
${a.superseded_at ? html`<p class="notice">${t(req.lang, "announcements.superseded")}</p>` : ""}
<p><a href="${base}/announcements/${a.id}.pdf">PDF</a> · <a href="${base}/announcements">${t(req.lang, "announcements.title")}</a></p></article>`;
}

export interface AdminAnnouncementsView {
  base: string;
  list: AnnouncementRow[];
  inForce: Record<AnnouncementKind, string>;
  lineConnected: boolean;
  timeZone: string;
  preview?: { draft: AnnouncementDraft; heading: string[]; paragraphs: string[] };
  today: string;
}

/** The admin's page: the form, its preview with the issue button, and every one issued. */
export function adminAnnouncementsView(req: FastifyRequest, v: AdminAnnouncementsView) {
  const l = req.lang;
  const d = v.preview?.draft;
  const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`;
  return html`<h1>${t(l, "announcements.admin")}</h1>
<form method="post" action="${v.base}/announcements/preview" class="stack">${csrfField(req)}
<fieldset><legend>${t(l, "announcements.kind")}</legend>
<label><input type="radio" name="kind" value="s10"${!d || d.kind === "s10" ? " checked" : ""}> ${t(l, "announcements.s10")}</label>
<label><input type="radio" name="kind" value="s16"${d?.kind === "s16" ? " checked" : ""}> ${t(l, "announcements.s16")}</label>
<label><input type="radio" name="kind" value="s13"${d?.kind === "s13" ? " checked" : ""}> ${t(l, "announcements.s13")}</label></fieldset>
<div><label for="signerName">${t(l, "letters.signerName")}</label><input id="signerName" name="signerName" required maxlength="200" value="${d?.signerName ?? ""}"></div>
<div><label for="signerPosition">${t(l, "letters.signerPosition")}</label><input id="signerPosition" name="signerPosition" required maxlength="300" value="${d?.signerPosition ?? ""}"></div>
<div><label for="effectiveFrom">${t(l, "announcements.effectiveFrom")}</label><input type="date" id="effectiveFrom" name="effectiveFrom" required value="${d?.effectiveFrom ?? v.today}"></div>
${v.lineConnected ? html`<div><label for="lineAccount">${t(l, "announcements.lineAccount")}</label><input id="lineAccount" name="lineAccount" maxlength="61" value="${d?.lineAccount ?? ""}"></div>` : ""}
<div><label for="otherSystems">${t(l, "announcements.otherSystems")}</label><textarea id="otherSystems" name="otherSystems" rows="3">${(d?.otherSystems ?? []).join("\n")}</textarea></div>
<button type="submit">${t(l, "announcements.preview")}</button></form>
${
  v.preview && d
    ? html`<section aria-labelledby="preview-title" class="preview"><h2 id="preview-title">${t(l, "announcements.preview")}</h2>
${v.preview.heading.map((line) => html`<p class="center"><strong>${line}</strong></p>`)}
${v.preview.paragraphs.map((p) => html`<p>${p}</p>`)}
<form method="post" action="${v.base}/announcements">${csrfField(req)}
${hidden("kind", d.kind)}${hidden("signerName", d.signerName)}${hidden("signerPosition", d.signerPosition)}${hidden("effectiveFrom", d.effectiveFrom)}${hidden("lineAccount", d.lineAccount ?? "")}${hidden("otherSystems", (d.otherSystems ?? []).join("\n"))}${hidden("supersedes", d.supersedes)}
<button type="submit">${t(l, "announcements.issue")}</button></form></section>`
    : ""
}
<h2>${t(l, "announcements.issued")}</h2>
<ul>${v.list.map(
    (a) =>
      html`<li data-kind="${a.kind}" data-in-force="${a.superseded_at ? "no" : "yes"}"><a href="${v.base.replace(/\/office$/, "")}/announcements/${a.id}">${kindLabel(req, a.kind)}: ${a.title}</a> — ${formatDateTime(l, new Date(a.created_at), v.timeZone)}${a.superseded_at ? html` (${t(l, "announcements.superseded")})` : ""}</li>`,
  )}</ul>`;
}
