import type { FastifyRequest } from "fastify";
import type { PersonDraft } from "../forms/index.js";
import { type Html, html } from "../platform/html.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import type { PersonMatter } from "../register/index.js";
import type { MyDataRead } from "./my-requests-reads.js";

/** A matter's row for "my requests", with its tracking link (the first entry's token). */
export interface MyRequestLine {
  matter: PersonMatter;
  trackingHref: string;
}

const when = (req: FastifyRequest, at: Date) => formatDateTime(req.lang, at, req.agency.timeZone);

/** The citizen's matters as a table: receipt number, subject, status, last change, tracking link. */
export function requestsTable(req: FastifyRequest, lines: MyRequestLine[]): Html {
  if (lines.length === 0) return html`<p>${t(req.lang, "myData.requestsNone")}</p>`;
  return html`<table class="my-requests">
<thead><tr><th scope="col">${t(req.lang, "myData.receiptNumber")}</th><th scope="col">${t(req.lang, "myData.subject")}</th><th scope="col">${t(req.lang, "myData.status")}</th><th scope="col">${t(req.lang, "myData.lastChange")}</th></tr></thead>
<tbody>${lines.map(
    ({ matter, trackingHref }) =>
      html`<tr><td><a href="${trackingHref}" aria-label="${t(req.lang, "myData.track", { receiptNumber: matter.receiptNumber })}">${matter.receiptNumber}</a></td><td>${matter.subject}</td><td>${t(req.lang, `status.${matter.status}` as MessageKey)}</td><td>${when(req, matter.updatedAt)}</td></tr>`,
  )}</tbody>
</table>`;
}

/** Unsubmitted drafts: the service, when last saved and until when kept; the link went by email. */
export function draftsList(req: FastifyRequest, drafts: { draft: PersonDraft; service: string }[]): Html {
  if (drafts.length === 0) return html``;
  return html`<h3>${t(req.lang, "myData.draftsTitle")}</h3>
<ul>${drafts.map(
    ({ draft, service }) =>
      html`<li>${t(req.lang, "myData.draftLine", {
        service,
        updated: when(req, draft.updatedAt),
        expires: when(req, draft.expiresAt),
      })}</li>`,
  )}</ul>
<p>${t(req.lang, "myData.draftLink")}</p>`;
}

/** Who read the citizen's data: when, who (name, unit), what, which request. */
export function readsTable(req: FastifyRequest, rows: MyDataRead[]): Html {
  if (rows.length === 0) return html`<p>${t(req.lang, "myData.readsNone")}</p>`;
  return html`<table class="data-reads">
<thead><tr><th scope="col">${t(req.lang, "myData.when")}</th><th scope="col">${t(req.lang, "myData.who")}</th><th scope="col">${t(req.lang, "myData.what")}</th><th scope="col">${t(req.lang, "myData.which")}</th></tr></thead>
<tbody>${rows.map((r) => {
    const units = r.officer && (req.lang === "th" ? r.officer.unitsTh : r.officer.unitsEn);
    const who = r.officer
      ? `${r.officer.name}${units?.length ? ` (${units.join(", ")})` : ""}`
      : t(req.lang, "myData.officerGone");
    return html`<tr><td>${when(req, r.at)}</td><td>${who}</td><td>${t(req.lang, `myData.what.${r.what}` as MessageKey)}</td><td>${r.receiptNumber}</td></tr>`;
  })}</tbody>
</table>`;
}
