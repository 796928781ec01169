import type { FastifyReply, FastifyRequest } from "fastify";
import { type Html, html } from "../html.js";
import { t } from "../i18n/index.js";
import { sendPage } from "./layout.js";

/** Who is signed in to the back office, set by the staff guard. */
export interface OfficeUser {
  id: string;
  displayName: string;
  roles: readonly string[];
  csrfToken: string;
}

declare module "fastify" {
  interface FastifyRequest {
    officeUser?: OfficeUser;
  }
}

/** A hidden field carrying the session's CSRF token; every back-office form includes it. */
export const csrfField = (req: FastifyRequest) =>
  html`<input type="hidden" name="_csrf" value="${req.officeUser?.csrfToken ?? ""}">`;

/** Sends a back-office page: the public frame plus the office menu and the signed-in officer (WS-3). */
export function sendOfficePage(
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: Html,
  options: { wide?: boolean } = {},
) {
  const base = `${req.basePath}/office`;
  const user = req.officeUser;
  const isAdmin = user?.roles.includes("admin");
  // #14: the finance officer's pages (PY-3); the admin sets the accounts money is paid into (PY-1).
  const isFinance = user?.roles.includes("finance_officer");
  // #16: the webboard's answers and moderation (casework roles); the dashboard (supervisors and the head).
  const isWebboard = user?.roles.some((role) => role !== "finance_officer");
  const isChief = user?.roles.some((role) => ["supervisor", "head_of_agency", "admin"].includes(role));
  // #17 status: admins also get the service status notices (WS-4), the menu's last admin link.
  // #17 broadcasts: who writes LINE broadcasts (CH-10)
  const isBroadcaster = user?.roles.some((role) =>
    ["saraban_officer", "supervisor", "head_of_agency", "admin"].includes(role),
  );
  // #17 readiness: the readiness self-assessment (RD-1, RD-2) is for the same roles, linked below.
  // #17 privacy: data-subject requests (PD-3) for the register's roles; the breach register (PD-5) for the head and admins.
  const isSaraban = user?.roles.some((role) =>
    ["saraban_officer", "supervisor", "head_of_agency", "admin"].includes(role),
  );
  const isPrivacyChief = user?.roles.some((role) => ["head_of_agency", "admin"].includes(role));
  const nav = user
    ? html`<nav class="office" aria-label="${t(req.lang, "office.menu")}">
<a href="${base}/work">${t(req.lang, "casework.menu")}</a>
<a href="${base}/register">${t(req.lang, "office.register")}</a>
<a href="${base}/paper">${t(req.lang, "office.paper")}</a>
<a href="${base}/mail">${t(req.lang, "office.mail")}</a>
<a href="${base}/letters">${t(req.lang, "office.letters")}</a>
${isWebboard ? html`<a href="${base}/request-log">${t(req.lang, "faq.log.title")}</a><a href="${base}/webboard/answers">${t(req.lang, "office.menu.webboardAnswers")}</a><a href="${base}/webboard/moderation">${t(req.lang, "office.menu.webboardModeration")}</a>` : ""}
${isChief ? html`<a href="${base}/faq">${t(req.lang, "faq.office.title")}</a>` : ""}
${isChief ? html`<a href="${base}/dashboard">${t(req.lang, "dashboards.menu")}</a>` : ""}
${isFinance ? html`<a href="${base}/finance">${t(req.lang, "finance.home.title")}</a>` : ""}
${isAdmin ? html`<a href="${base}/finance/accounts">${t(req.lang, "finance.accounts")}</a>` : ""}
${isAdmin ? html`<a href="${base}/services">${t(req.lang, "catalogAdmin.menu")}</a>` : ""}
${isAdmin ? html`<a href="${base}/approval-chains">${t(req.lang, "approval.chain.title")}</a>` : ""}
${isAdmin ? html`<a href="${base}/staff">${t(req.lang, "office.staff")}</a><a href="${base}/admin">${t(req.lang, "office.settings")}</a><a href="${base}/admin/pages">${t(req.lang, "site.admin.title")}</a><a href="${base}/outbox">${t(req.lang, "office.outbox")}</a>` : ""}
${isAdmin ? html`<a href="${base}/review/trust-roots">${t(req.lang, "review.roots.menu")}</a>` : ""}
${isAdmin ? html`<a href="${base}/licences/settings">${t(req.lang, "issuance.settings.title")}</a>` : ""}
${isAdmin ? html`<a href="${base}/open-data">${t(req.lang, "opendata.title")}</a>` : ""}
${isAdmin ? html`<a href="${base}/service-status">${t(req.lang, "status.admin.title")}</a>` : ""}
${isBroadcaster ? html`<a href="${base}/broadcasts">${t(req.lang, "broadcasts.menu")}</a>` : ""}
${isChief ? html`<a href="${base}/readiness">${t(req.lang, "readiness.menu")}</a>` : ""}
${isSaraban ? html`<a href="${base}/privacy/requests">${t(req.lang, "subjects.office.title")}</a>` : ""}
${isChief ? html`<a href="${base}/privacy/processing">${t(req.lang, "privacy.record.menu")}</a>` : ""}
${isPrivacyChief ? html`<a href="${base}/privacy/breaches">${t(req.lang, "privacy.breach.title")}</a>` : ""}
<a href="${base}/account">${t(req.lang, "office.account")}</a>
<span>${t(req.lang, "office.signedInAs", { name: user.displayName })}</span>
<form method="post" action="${base}/logout">${csrfField(req)}<button type="submit">${t(req.lang, "office.logout")}</button></form>
</nav>`
    : undefined;
  return sendPage(req, reply, { title, body, nav, wide: options.wide });
}
