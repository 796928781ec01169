import type { FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import { type MatterPanel, matterScope } from "../casework/index.js";
import type { Db } from "../platform/db/database.js";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import type { Matter } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { matterAssurance } from "./proofs.repo.js";
import { VIDEO_CALL_DURATIONS } from "./video-book-call.js";
import { listVideoAppointments } from "./video-calls.repo.js";
import type { VideoAppointmentRow } from "./video-calls.table.js";

/** Who books identity calls and records their outcome (the status table's reviewers). */
export const IDENTITY_ROLES: readonly Role[] = ["reviewer", "supervisor", "head_of_agency", "admin"];
/** Statuses in which a call is booked or decided (the status table allows its actions there). */
const OPEN_STATUSES = ["in_review", "identity_check_required"];

/**
 * ID-3: the identity call section of an application's matter page: the assurance reached, the calls
 * booked with the applicant's consent and outcome, and the forms to book one and record its outcome.
 * Nothing for a general request or a matter outside the officer's scope.
 */
export function videoPanel(deps: { db: Db }): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (matter.kind !== "application" || !staff || !matterScope(staff, matter)) return undefined;
    const agency = await findAgency(deps.db, matter.agencyId);
    const calls = await listVideoAppointments(deps.db, matter.id);
    const reached = await matterAssurance(deps.db, matter.id);
    const editable =
      OPEN_STATUSES.includes(matter.status) && staff.roles.some((r) => IDENTITY_ROLES.includes(r));
    return videoView(req, {
      matter,
      calls,
      assurance: reached.assurance,
      configured: !!agency?.videoCallUrl,
      editable,
    });
  };
}

interface VideoView {
  matter: Matter;
  calls: VideoAppointmentRow[];
  assurance: string;
  configured: boolean;
  editable: boolean;
}

function videoView(req: FastifyRequest, v: VideoView): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const base = `${req.basePath}/office/matters/${encodeURIComponent(v.matter.id)}/identity/video`;
  const booked = v.calls.find((c) => c.status === "booked");
  const when = (iso: string) => formatDateTime(l, new Date(iso), tz);
  const row = (c: VideoAppointmentRow) =>
    html`<li data-call="${c.id}" data-status="${c.status}">${when(c.starts_at)} · ${c.duration_min} ${t(l, "video.minutes")} · ${t(l, `video.status.${c.status}` as MessageKey)}${
      c.outcome
        ? html` · <strong data-outcome="${c.outcome}">${t(l, `video.result.${c.outcome}` as MessageKey)}</strong>`
        : ""
    } · ${c.consent_at ? t(l, "video.consented", { at: when(c.consent_at) }) : t(l, "video.noConsent")}${
      c.status === "booked" ? html` · <a href="${c.link}" rel="noopener">${t(l, "video.join")}</a>` : ""
    }${c.still_key ? html` · <a href="${base}/${c.id}/still">${t(l, "video.still")}</a>` : ""}${
      c.note ? html`<br><span class="pre">${c.note}</span>` : ""
    }</li>`;
  const version = html`<input type="hidden" name="version" value="${String(v.matter.version)}">`;
  const book = html`<form method="post" action="${base}/book">${csrfField(req)}${version}
<label for="video-startsAt">${t(l, "video.startsAt")}</label><input type="datetime-local" id="video-startsAt" name="startsAt" required>
<label for="video-duration">${t(l, "video.duration")}</label><select id="video-duration" name="duration">${VIDEO_CALL_DURATIONS.map(
    (d) =>
      html`<option value="${String(d)}"${d === 30 ? " selected" : ""}>${d} ${t(l, "video.minutes")}</option>`,
  )}</select>
<button type="submit">${t(l, booked ? "video.rebook" : "video.book")}</button></form>`;
  const outcome = booked
    ? html`<form method="post" action="${base}/outcome" enctype="multipart/form-data">${csrfField(req)}${version}
<input type="hidden" name="appointment" value="${booked.id}">
<fieldset><legend>${t(l, "video.outcome")}</legend>${(["proven", "refused", "missed"] as const).map(
        (o) =>
          html`<label><input type="radio" name="outcome" value="${o}" required> ${t(l, `video.result.${o}` as MessageKey)}</label>`,
      )}</fieldset>
<label for="video-still">${t(l, "video.stillUpload")}</label><input type="file" id="video-still" name="still" accept="image/jpeg,image/png,image/webp">
<p class="hint">${booked.consent_at ? t(l, "video.stillHint") : t(l, "video.stillNeedsConsent")}</p>
<label for="video-note">${t(l, "video.note")}</label><textarea id="video-note" name="note" rows="2" maxlength="2000"></textarea>
<button type="submit">${t(l, "video.record")}</button></form>`
    : "";
  return html`<section aria-labelledby="video-title" data-section="identity-video"><h2 id="video-title">${t(l, "video.title")}</h2>
<p data-assurance="${v.assurance}">${t(l, "video.assurance", { assurance: v.assurance === "none" ? t(l, "video.assuranceNone") : v.assurance })}</p>
${v.calls.length ? html`<ul>${v.calls.map(row)}</ul>` : html`<p class="hint">${t(l, "video.none")}</p>`}
${v.configured ? "" : html`<p class="notice" data-video="not-configured">${t(l, "video.notConfigured")}</p>`}
${v.editable && v.configured ? book : ""}${v.editable ? outcome : ""}</section>`;
}
