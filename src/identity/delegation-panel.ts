import type { FastifyRequest } from "fastify";
import type { MatterPanel } from "../casework/index.js";
import { isThaiJuristicId } from "../forms/index.js";
import type { Clock } from "../platform/clock.js";
import type { Sealer } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type MessageKey, t } from "../platform/i18n/index.js";
import { END_STATUSES, findMatterReceiptNumber, type Matter } from "../register/index.js";
import type { JuristicParties } from "./delegation-parties.js";
import { loadDelegationSubject } from "./delegation-verify.js";
import { findValidDelegation, listMatterDelegations } from "./delegations.repo.js";
import type { DelegationRow } from "./delegations.table.js";
import { IDENTITY_ROLES } from "./video-panel.js";

/**
 * FM-5: the delegation section of a juristic application's matter page: the company (its ID's checksum),
 * the person acting, the delegation document and its e-Stamp reference, a verified delegation still
 * valid (reused: no new check), and the form to verify. Nothing for a person's application.
 */
export function delegationPanel(deps: { db: Db; sealer: Sealer; clock: Clock }): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (matter.kind !== "application" || !staff) return undefined;
    const now = deps.clock.now();
    const officer = { staffId: staff.id, roles: staff.roles, unitIds: staff.unitIds, at: now };
    let subject: Awaited<ReturnType<typeof loadDelegationSubject>>;
    try {
      subject = await loadDelegationSubject(deps.db, deps.sealer, matter.agencyId, matter.id, officer);
    } catch (error) {
      if (error instanceof AppError && error.code === "MATTER_NOT_FOUND") return undefined;
      throw error;
    }
    if (!subject.parties) return undefined;
    const { parties } = subject;
    const valid = await findValidDelegation(
      deps.db,
      {
        agencyId: matter.agencyId,
        juristicIdHmac: parties.juristicIdHmac,
        actingIdHmac: parties.actingIdHmac,
      },
      now,
    );
    const validFor = valid && (await findMatterReceiptNumber(deps.db, valid.matter_id));
    const editable =
      !END_STATUSES.includes(matter.status) && staff.roles.some((r) => IDENTITY_ROLES.includes(r));
    return delegationView(req, {
      matter,
      entryId: subject.application.entry_id,
      parties,
      valid: valid && { row: valid, receipt: validFor ?? "" },
      history: await listMatterDelegations(deps.db, matter.id),
      editable,
    });
  };
}

interface DelegationView {
  matter: Matter;
  entryId: string;
  parties: JuristicParties;
  valid?: { row: DelegationRow; receipt: string };
  history: DelegationRow[];
  editable: boolean;
}

const groupedId = (id: string) =>
  `${id[0]}-${id.slice(1, 3)}-${id.slice(3, 4)}-${id.slice(4, 7)}-${id.slice(7, 12)}-${id[12]}`;

function delegationView(req: FastifyRequest, v: DelegationView): Html {
  const l = req.lang;
  const tz = req.agency.timeZone;
  const p = v.parties;
  const when = (iso: string | null) => (iso ? formatDateTime(l, new Date(iso), tz) : "—");
  const idOk = isThaiJuristicId(p.juristicId);
  const base = `${req.basePath}/office/matters/${encodeURIComponent(v.matter.id)}/identity/delegation`;
  const doc = p.documentAttachmentId
    ? html`<a href="${req.basePath}/office/entries/${v.entryId}/files/${p.documentAttachmentId}">${t(l, "delegation.document")}</a>`
    : html`<span data-document="none">${t(l, "delegation.noDocument")}</span>`;
  const reuse = v.valid
    ? html`<p class="notice" data-delegation="reused">${t(l, "delegation.reused", { at: when(v.valid.row.verified_at), receipt: v.valid.receipt, until: when(v.valid.row.valid_until) })}</p>`
    : html`<p data-delegation="unverified">${t(l, "delegation.unverified")}</p>`;
  const form = html`<form method="post" action="${base}/verify">${csrfField(req)}
<fieldset><legend>${t(l, "delegation.outcome")}</legend>${(["verified", "refused"] as const).map(
    (o) =>
      html`<label><input type="radio" name="outcome" value="${o}" required> ${t(l, `delegation.status.${o}` as MessageKey)}</label>`,
  )}</fieldset>
<label for="delegation-validUntil">${t(l, "delegation.validUntil")}</label><input type="date" id="delegation-validUntil" name="validUntil">
<label for="delegation-note">${t(l, "delegation.note")}</label><textarea id="delegation-note" name="note" rows="2" maxlength="2000"></textarea>
<button type="submit">${t(l, "delegation.verify")}</button></form>`;
  return html`<section aria-labelledby="delegation-title" data-section="delegation"><h2 id="delegation-title">${t(l, "delegation.title")}</h2>
<dl class="receipt">
<dt>${t(l, "delegation.company")}</dt><dd>${p.juristicName} · ${groupedId(p.juristicId)} <span data-checksum="${idOk ? "ok" : "bad"}">${t(l, idOk ? "delegation.checksumOk" : "delegation.checksumBad")}</span></dd>
<dt>${t(l, "delegation.acting")}</dt><dd>${p.actingName} (${p.actingPosition}) · ${t(l, "delegation.idTail", { tail: p.actingIdTail })}</dd>
<dt>${t(l, "delegation.documentLabel")}</dt><dd>${doc}</dd>
<dt>e-Stamp</dt><dd data-e-stamp="${p.eStampReference ?? ""}">${p.eStampReference ?? t(l, "delegation.noEStamp")}</dd>
</dl>${reuse}
${v.history.length ? html`<ul>${v.history.map((h) => html`<li data-delegation-status="${h.status}">${t(l, `delegation.status.${h.status}` as MessageKey)} · ${when(h.verified_at)}${h.valid_until ? html` · ${t(l, "delegation.until", { until: when(h.valid_until) })}` : ""}${h.note ? html`<br><span class="pre">${h.note}</span>` : ""}</li>`)}</ul>` : ""}
${v.editable && !v.valid ? form : ""}</section>`;
}
