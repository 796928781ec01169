import type { FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import type { MatterPanel } from "../casework/index.js";
import { findServiceVersion } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import { AppError } from "../platform/errors.js";
import { type Html, html } from "../platform/html.js";
import { csrfField } from "../platform/http/office-page.js";
import { formatDate } from "../platform/i18n/format.js";
import { hasMessage, t } from "../platform/i18n/index.js";
import type { Matter } from "../register/index.js";
import type { Licence } from "./licence.js";
import { printedFields } from "./licence-fields.js";
import { findIssueFailure } from "./licence-issue-failures.repo.js";
import { ISSUING_ROLES, SCAN_ROLES } from "./licence-office.routes.js";
import { listMatterLicences } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { awaitingScan } from "./record-licence-scan.js";

const ISSUABLE = ["paid", "approved", "issuing"];

/** Why the matter's licence cannot be issued now, as the codes issueLicence would throw; none: it can. */
async function blockers(
  deps: LicensingDeps,
  matter: Matter,
): Promise<{ code: string; params: Record<string, string | number> }[]> {
  const db = deps.handle.db;
  const application = await findApplicationOfMatter(db, matter.id);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  const template = version?.definition.licence;
  if (!application || !version || !template) return [{ code: "no-template", params: {} }];
  const found: { code: string; params: Record<string, string | number> }[] = [];
  const agency = await findAgency(db, matter.agencyId);
  if (!agency?.licenceOrigin) found.push({ code: "LICENCE_ORIGIN_NOT_SET", params: {} });
  if (template.issue !== "paper" && !deps.documentSigner)
    found.push({ code: "LICENCE_SIGNER_NOT_SET", params: {} });
  try {
    printedFields(version.definition, template, {
      answers: JSON.parse(application.form_data) as Record<string, unknown>,
      applicantName: application.applicant_name,
      issuedOn: "2000-01-01",
      validUntil: null,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    found.push({ code: error.code, params: error.params });
  }
  return found;
}

function licenceRows(req: FastifyRequest, licence: Licence, mayScan: boolean): Html {
  const l = req.lang;
  const pdf = `${req.basePath}/office/licences/${encodeURIComponent(licence.id)}/pdf`;
  const waiting = awaitingScan(licence);
  return html`<dl class="facts" data-licence="${licence.id}" data-status="${licence.status}" data-awaiting-scan="${waiting ? "1" : "0"}">
<dt>${t(l, "issuance.panel.number")}</dt><dd>${licence.number}${licence.edition > 1 ? ` (${t(l, "issuance.panel.edition", { edition: licence.edition })})` : ""}</dd>
<dt>${t(l, "issuance.panel.status")}</dt><dd>${t(l, `issuance.status.${licence.status}`)}</dd>
<dt>${t(l, "issuance.panel.validity")}</dt><dd>${formatDate(l, licence.validFrom)} – ${licence.validUntil ? formatDate(l, licence.validUntil) : t(l, "issuance.panel.untilRevoked")}</dd>
<dt>${t(l, "issuance.panel.origin")}</dt><dd>${waiting ? t(l, "issuance.panel.awaitingScan") : t(l, `issuance.origin.${licence.origin}`)}</dd>
</dl>
<p><a href="${pdf}" data-testid="licence-pdf">${waiting ? t(l, "issuance.panel.print") : t(l, "issuance.panel.pdf")}</a></p>
${
  waiting && mayScan
    ? html`<form method="post" action="${req.basePath}/office/licences/${encodeURIComponent(licence.id)}/scan" enctype="multipart/form-data" data-testid="licence-scan">${csrfField(req)}
<h3>${t(l, "issuance.panel.scanTitle")}</h3>
<label for="scan-${licence.id}">${t(l, "issuance.panel.scanFile")}</label>
<input type="file" id="scan-${licence.id}" name="scan" accept="application/pdf" required>
<label for="device-${licence.id}">${t(l, "issuance.panel.device")}</label>
<input type="text" id="device-${licence.id}" name="device" maxlength="200" required>
<label for="pages-${licence.id}">${t(l, "issuance.panel.printedPages")}</label>
<input type="text" id="pages-${licence.id}" name="printedPages" inputmode="numeric" maxlength="3" required>
<button type="submit">${t(l, "issuance.panel.recordScan")}</button></form>`
    : ""
}`;
}

/**
 * LC-1, LC-2, RG-6: the matter's licence on the officer's matter page: number, edition, status, validity
 * and how it was made, with its PDF; while a paper licence awaits its signed scan, the printable PDF and
 * the scan form. Before issue: "Issue licence" for those who may, or why it cannot be issued yet.
 */
export function licencePanel(deps: LicensingDeps): MatterPanel {
  return async (req, matter) => {
    const staff = req.staffSession?.staff;
    if (!staff) return undefined;
    const l = req.lang;
    const [licence] = await listMatterLicences(deps.handle.db, matter.id);
    const section = (body: Html) =>
      html`<section class="card" data-testid="licence-panel"><h2>${t(l, "issuance.panel.title")}</h2>${body}</section>`;
    if (licence)
      return section(
        licenceRows(
          req,
          licence,
          staff.roles.some((r) => SCAN_ROLES.includes(r)),
        ),
      );
    if (!ISSUABLE.includes(matter.status)) return undefined;
    const found = await blockers(deps, matter);
    if (found.some((b) => b.code === "no-template")) return undefined;
    const failure = await findIssueFailure(deps.handle.db, matter.id);
    const settings = `${req.basePath}/office/licences/settings`;
    const say = (code: string, params: Record<string, string | number>) => {
      const key = `error.${code}`;
      return hasMessage(key) ? t(l, key, params) : t(l, "issuance.panel.unexpected");
    };
    const why = (code: string, params: Record<string, string | number>) => {
      const text = say(code, params);
      return code === "LICENCE_ORIGIN_NOT_SET"
        ? html`<li data-blocker="${code}">${text} <a href="${settings}">${t(l, "issuance.settings.title")}</a></li>`
        : html`<li data-blocker="${code}">${text}</li>`;
    };
    const mayIssue = staff.roles.some((r) => ISSUING_ROLES.includes(r));
    return section(html`<p>${t(l, "issuance.panel.notIssued")}</p>
${failure ? html`<p class="errors" role="alert" data-testid="licence-auto-failure">${t(l, "issuance.panel.autoFailed")} ${say(failure.code, failure.params)}</p>` : ""}
${found.length ? html`<ul class="errors" data-testid="licence-blockers">${found.map((b) => why(b.code, b.params))}</ul>` : ""}
${
  mayIssue && found.length === 0
    ? html`<form method="post" action="${req.basePath}/office/matters/${encodeURIComponent(matter.id)}/licence/issue">${csrfField(req)}
<button type="submit" data-testid="licence-issue">${t(l, "issuance.panel.issue")}</button></form>`
    : ""
}`);
  };
}
