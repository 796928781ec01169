import type { FastifyRequest } from "fastify";
import { html } from "../../platform/html.js";
import type { FieldLabels } from "../../platform/http/form-errors.js";
import { csrfField } from "../../platform/http/office-page.js";
import { formatDate } from "../../platform/i18n/format.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import type { Agency } from "../agency.js";

export interface AdminView {
  base: string;
  agency: Agency;
  units: { code: string; nameTh: string; nameEn: string; phone: string | null }[];
  holidayYears: { year: number; status: string; source: string }[];
  /** The agency's own closures, which its admin may remove one by one. */
  agencyHolidays: { date: string; name_th: string; name_en: string }[];
  holidayWarnings: string[];
  placeholders: string[];
  referrals: { nameTh: string; nameEn: string; contact: string }[];
  /** What is not configured among the channels in and out (none: the section is left out). */
  channelWarnings: string[];
  notices: { kind: "ok" | "error"; text: string }[];
}

/** Each admin form's labels by field name, so an error names the field as the admin sees it. */
export const ADMIN_LABELS = {
  profile: {
    nameTh: "admin.nameTh",
    nameEn: "admin.nameEn",
    centralEmail: "admin.centralEmail",
    phones: "admin.phones",
    weekdays: "admin.weekdays",
    opening: "admin.opening",
    closing: "admin.closing",
    acknowledgeByNextDay: "admin.ackNextDay",
  },
  units: { code: "admin.unitCode", nameTh: "admin.nameTh", nameEn: "admin.nameEn" },
  referrals: { nameTh: "admin.nameTh", nameEn: "admin.nameEn", contact: "admin.referralContact" },
  acknowledgement: { acknowledgement_th: "admin.ackTh", acknowledgement_en: "admin.ackEn" },
  holidays: { date: "admin.removeHoliday" },
  // #12 correspondence
  letters: {
    letterCode: "admin.letterCode",
    opdcEmail: "admin.opdcEmail",
    postalAddress: "admin.postalAddress",
  },
  // #13 video-juristic
  videoCall: { videoCallUrl: "admin.videoCallUrl" },
  addHoliday: {
    date: "admin.holidayDate",
    nameTh: "admin.holidayNameTh",
    nameEn: "admin.holidayNameEn",
    source: "admin.holidaySource",
    kind: "admin.holidayKind",
  },
} as const satisfies Record<string, FieldLabels>;

/** The agency's settings on one page: profile and hours, units, holidays, acknowledgement texts. */
export function adminView(req: FastifyRequest, view: AdminView) {
  const l = req.lang;
  const a = view.agency;
  const field = (name: string, label: MessageKey, value: string, type = "text") =>
    html`<label for="${name}">${t(l, label)}</label><input type="${type}" id="${name}" name="${name}" value="${value}" required>`;
  return html`<h1>${t(l, "admin.title")}</h1>
${view.notices.map((n) => html`<div class="${n.kind === "ok" ? "ok" : "errors"}" role="${n.kind === "ok" ? "status" : "alert"}"><p>${n.text}</p></div>`)}
${view.holidayWarnings.map((w) => html`<p class="errors" role="alert">${w}</p>`)}
${
  view.channelWarnings.length === 0
    ? ""
    : html`<section aria-labelledby="channels-title" data-section="channels"><h2 id="channels-title">${t(l, "admin.channels")}</h2>
${view.channelWarnings.map((w) => html`<p class="errors" role="alert">${w}</p>`)}</section>`
}
<h2>${t(l, "admin.profile")}</h2>
<form method="post" action="${view.base}/admin/agency">${csrfField(req)}
${field("nameTh", "admin.nameTh", a.nameTh)}
${field("nameEn", "admin.nameEn", a.nameEn)}
${field("centralEmail", "admin.centralEmail", a.centralEmail, "email")}
${field("phones", "admin.phones", a.phones.join(", "))}
<fieldset><legend>${t(l, "admin.hours")}</legend>
<fieldset><legend>${t(l, "admin.weekdays")}</legend>
${[1, 2, 3, 4, 5, 6, 7].map(
  (d) =>
    html`<label class="check"><input type="checkbox" name="weekdays" value="${d}"${a.businessHours.weekdays.includes(d) ? " checked" : ""}><span>${t(l, `weekday.${d}` as MessageKey)}</span></label>`,
)}</fieldset>
${field("opening", "admin.opening", a.businessHours.opening, "time")}
${field("closing", "admin.closing", a.businessHours.closing, "time")}
${field("acknowledgeByNextDay", "admin.ackNextDay", a.businessHours.acknowledgeByNextDay, "time")}
<label class="check"><input type="checkbox" name="closedOnLabourDay" value="yes" aria-describedby="labourDay-hint"${a.businessHours.closedOnLabourDay ? " checked" : ""}><span>${t(l, "admin.closedOnLabourDay")}</span></label>
<p class="hint" id="labourDay-hint">${t(l, "admin.closedOnLabourDayHint")}</p>
</fieldset>
<button type="submit">${t(l, "admin.save")}</button></form>
<p class="hint" data-section="totp-floor">${t(l, "account.totpFloor")} (${a.totpRequiredRoles.map((r) => t(l, `role.${r}` as MessageKey)).join(", ")})</p>
<h2>${t(l, "admin.units")}</h2>
<ul>${view.units.map((u) => html`<li>${u.code}: ${u.nameTh} / ${u.nameEn}${u.phone ? ` (${u.phone})` : ""}</li>`)}</ul>
<form method="post" action="${view.base}/admin/units">${csrfField(req)}
<h3>${t(l, "admin.addUnit")}</h3>
${field("code", "admin.unitCode", "")}${field("unitNameTh", "admin.nameTh", "")}${field("unitNameEn", "admin.nameEn", "")}
<button type="submit">${t(l, "admin.save")}</button></form>
<h2>${t(l, "admin.holidays")}</h2>
<p>${t(l, "admin.holidayYears")}</p>
<ul>${view.holidayYears.map((y) => html`<li>${y.year} (${y.year + 543}): ${t(l, `admin.holidayStatus.${y.status}` as MessageKey)} — ${y.source}</li>`)}</ul>
<form method="post" action="${view.base}/admin/holidays" enctype="multipart/form-data">${csrfField(req)}
<label for="holidayFile">${t(l, "admin.agencyClosures")}</label><input type="file" id="holidayFile" name="file" accept=".csv,text/csv" required>
<button type="submit">${t(l, "admin.import")}</button></form>
<form method="post" action="${view.base}/admin/holidays/add">${csrfField(req)}
<h3>${t(l, "admin.addHoliday")}</h3><p class="hint">${t(l, "admin.addHolidayHint")}</p>
${field("holidayDate", "admin.holidayDate", "", "date")}${field("holidayNameTh", "admin.holidayNameTh", "")}
<label for="holidayNameEn">${t(l, "admin.holidayNameEn")}</label><input type="text" id="holidayNameEn" name="holidayNameEn" value="">
${field("holidaySource", "admin.holidaySource", "")}
<label for="holidayKind">${t(l, "admin.holidayKind")}</label><select id="holidayKind" name="holidayKind">
<option value="special">${t(l, "admin.holidayKind.special")}</option><option value="agency">${t(l, "admin.holidayKind.agency")}</option></select>
<button type="submit">${t(l, "admin.addHoliday")}</button></form>
${
  view.agencyHolidays.length === 0
    ? ""
    : html`<form method="post" action="${view.base}/admin/holidays/remove">${csrfField(req)}
<label for="removeDate">${t(l, "admin.removeHoliday")}</label><p class="hint" id="removeDate-hint">${t(l, "admin.removeHolidayHint")}</p>
<select id="removeDate" name="date" aria-describedby="removeDate-hint">${view.agencyHolidays.map(
        (h) =>
          html`<option value="${h.date}">${formatDate(l, h.date)} — ${l === "th" ? h.name_th : h.name_en || h.name_th}</option>`,
      )}</select>
<button type="submit" class="danger">${t(l, "admin.removeHoliday")}</button></form>`
}
<h2>${t(l, "admin.referrals")}</h2>
<p class="hint">${t(l, "admin.referralsHint")}</p>
<ul>${view.referrals.map((r) => html`<li>${r.nameTh} / ${r.nameEn} — ${r.contact}</li>`)}</ul>
<form method="post" action="${view.base}/admin/referrals">${csrfField(req)}
${field("referralNameTh", "admin.nameTh", "")}${field("referralNameEn", "admin.nameEn", "")}${field("referralContact", "admin.referralContact", "")}
<button type="submit">${t(l, "admin.save")}</button></form>
<h2>${t(l, "admin.ackText")}</h2>
<p class="hint">${t(l, "admin.ackTextHint", { placeholders: view.placeholders.map((p) => `{${p}}`).join(" ") })}</p>
<form method="post" action="${view.base}/admin/acknowledgement">${csrfField(req)}
<label for="ackTh">${t(l, "admin.ackTh")}</label><textarea id="ackTh" name="th">${a.acknowledgementText.th ?? ""}</textarea>
<label for="ackEn">${t(l, "admin.ackEn")}</label><textarea id="ackEn" name="en">${a.acknowledgementText.en ?? ""}</textarea>
<button type="submit">${t(l, "admin.save")}</button></form>
<p><a href="${view.base}/notifications/templates">${t(l, "notify.admin.title")}</a></p>
<section aria-labelledby="letters-settings-title" data-section="letters"><h2 id="letters-settings-title">${t(l, "admin.letters")}</h2>
<p class="hint">${t(l, "admin.lettersHint")}</p>
<form method="post" action="${view.base}/admin/letters">${csrfField(req)}
${field("letterCode", "admin.letterCode", a.letterCode ?? "")}<label for="opdcEmail">${t(l, "admin.opdcEmail")}</label><input type="email" id="opdcEmail" name="opdcEmail" value="${a.opdcEmail ?? ""}">
<label for="postalAddress">${t(l, "admin.postalAddress")}</label><textarea id="postalAddress" name="postalAddress" rows="2">${a.postalAddress ?? ""}</textarea>
<button type="submit">${t(l, "admin.save")}</button></form>
<p><a href="${view.base}/announcements">${t(l, "announcements.admin")}</a></p></section>
<section aria-labelledby="video-call-title" data-section="video-call"><h2 id="video-call-title">${t(l, "admin.videoCall")}</h2>
<p class="hint">${t(l, "admin.videoCallHint")}</p>
<form method="post" action="${view.base}/admin/video-call">${csrfField(req)}
<label for="videoCallUrl">${t(l, "admin.videoCallUrl")}</label><input type="url" id="videoCallUrl" name="videoCallUrl" value="${a.videoCallUrl ?? ""}">
<button type="submit">${t(l, "admin.save")}</button></form></section>`;
}
