import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { type MessageKey, t } from "../../platform/i18n/index.js";
import { ROLES } from "../role.js";
import type { Staff } from "../staff.repo.js";

export type Notice = { kind: "ok" | "error"; text: string };

export const noticeView = (notice?: Notice) =>
  notice
    ? html`<div class="${notice.kind === "ok" ? "ok" : "errors"}" role="${notice.kind === "ok" ? "status" : "alert"}"><p>${notice.text}</p></div>`
    : "";

export function loginView(
  req: FastifyRequest,
  action: string,
  next: string,
  loginCsrf: string,
  notice?: Notice,
) {
  const l = req.lang;
  return html`<h1>${t(l, "login.title")}</h1>${noticeView(notice)}
<form method="post" action="${action}">
<input type="hidden" name="_csrf" value="${loginCsrf}"><input type="hidden" name="next" value="${next}">
<label for="email">${t(l, "login.email")}</label><input type="email" id="email" name="email" required autocomplete="username">
<label for="password">${t(l, "login.password")}</label><input type="password" id="password" name="password" required autocomplete="current-password">
<button type="submit">${t(l, "login.submit")}</button></form>`;
}

export function totpLoginView(req: FastifyRequest, action: string, notice?: Notice) {
  const l = req.lang;
  return html`<h1>${t(l, "login.totpTitle")}</h1>${noticeView(notice)}
<form method="post" action="${action}">${csrfField(req)}
<label for="code">${t(l, "login.totpCode")}</label>
<input type="text" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit">${t(l, "login.totpSubmit")}</button></form>`;
}

export function accountView(
  req: FastifyRequest,
  view: {
    base: string;
    staff: Staff;
    totpRequired: boolean;
    enrolment?: { secret: string; qrSvg: Html };
    notice?: Notice;
  },
) {
  const l = req.lang;
  const { staff } = view;
  return html`<h1>${t(l, "account.title")}</h1>${noticeView(view.notice)}
${staff.mustChangePassword ? html`<p class="errors" role="alert">${t(l, "account.mustChange")}</p>` : ""}
${view.totpRequired && !staff.totpEnabled ? html`<p class="errors" role="alert">${t(l, "account.totpRequired")}</p>` : ""}
<h2>${t(l, "account.passwordTitle")}</h2>
<form method="post" action="${view.base}/account/password">${csrfField(req)}
<label for="current">${t(l, "account.currentPassword")}</label><input type="password" id="current" name="current" required autocomplete="current-password">
<label for="next">${t(l, "account.newPassword")}</label><input type="password" id="next" name="next" required minlength="10" autocomplete="new-password">
<button type="submit">${t(l, "account.changePassword")}</button></form>
<h2>${t(l, "account.totpTitle")}</h2>
${
  staff.totpEnabled
    ? html`<p>${t(l, "account.totpEnabled")}</p><p>${t(l, "account.totpDisableHint")}</p>
<form method="post" action="${view.base}/account/totp/disable">${csrfField(req)}
<label for="totp-password">${t(l, "account.currentPassword")}</label><input type="password" id="totp-password" name="password" required autocomplete="current-password">
<label for="totp-code">${t(l, "login.totpCode")}</label><input type="text" id="totp-code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit">${t(l, "account.totpDisable")}</button></form>`
    : view.enrolment
      ? html`<div>${view.enrolment.qrSvg}</div><p>${t(l, "account.totpScan", { secret: view.enrolment.secret })}</p>
<form method="post" action="${view.base}/account/totp/confirm">${csrfField(req)}
<label for="code">${t(l, "login.totpCode")}</label><input type="text" id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<button type="submit">${t(l, "account.totpConfirm")}</button></form>`
      : html`<form method="post" action="${view.base}/account/totp">${csrfField(req)}<button type="submit">${t(l, "account.totpStart")}</button></form>`
}`;
}

export function staffListView(
  req: FastifyRequest,
  base: string,
  staff: Staff[],
  units: { id: string; name: string }[],
  notice?: Notice,
) {
  const l = req.lang;
  const role = (r: string) => t(l, `role.${r}` as MessageKey);
  return html`<h1 id="staff-title">${t(l, "staff.title")}</h1>${noticeView(notice)}
<div class="table-wrap" role="region" aria-labelledby="staff-title" tabindex="0"><table><thead><tr><th scope="col">${t(l, "login.email")}</th><th scope="col">${t(l, "staff.displayName")}</th><th scope="col">${t(l, "staff.roles")}</th><th scope="col">${t(l, "staff.totp")}</th><th scope="col">${t(l, "staff.actions")}</th></tr></thead><tbody>
${staff.map(
  (
    s,
  ) => html`<tr><td>${s.email}</td><td>${s.displayName}</td><td>${s.roles.map(role).join(", ")}</td><td>${s.totpEnabled ? "✓" : "—"}</td>
<td><form class="inline" method="post" action="${base}/staff/${s.id}/reset-password">${csrfField(req)}<button type="submit">${t(l, "staff.reset")}</button></form></td></tr>`,
)}
</tbody></table></div>
<h2>${t(l, "staff.create")}</h2>
<form method="post" action="${base}/staff">${csrfField(req)}
<label for="email">${t(l, "login.email")}</label><input type="email" id="email" name="email" required>
<label for="displayName">${t(l, "staff.displayName")}</label><input type="text" id="displayName" name="displayName" required>
<fieldset><legend>${t(l, "staff.roles")}</legend>${ROLES.map((r) => html`<label class="check"><input type="checkbox" name="roles" value="${r}"><span>${role(r)}</span></label>`)}</fieldset>
${units.length > 0 ? html`<fieldset><legend>${t(l, "staff.units")}</legend>${units.map((u) => html`<label class="check"><input type="checkbox" name="unitIds" value="${u.id}"><span>${u.name}</span></label>`)}</fieldset>` : ""}
<button type="submit">${t(l, "staff.create")}</button></form>`;
}
