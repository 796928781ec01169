import type { FastifyReply, FastifyRequest } from "fastify";
import { findServiceVersion, type ServiceVersion } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Html, html } from "../platform/html.js";
import { sendPage } from "../platform/http/layout.js";
import type { Lang } from "../platform/i18n/index.js";
import { t } from "../platform/i18n/index.js";
import type { Draft } from "./draft.js";
import { findDraftByToken } from "./drafts.repo.js";
import type { FieldError } from "./validate-answers.js";
import { checkDraftCsrf, draftCsrfToken, refuseCrossSite } from "./web/apply-guard.js";

export type ApplyRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * The draft of the resume link in the path, with its service version; NOT_FOUND for a link that is
 * unknown, expired, another agency's or (as the forms part's pages answer) already submitted, unless
 * `submitted` is allowed: signing a submitted draft again answers with its first receipt.
 */
export async function loadApplyDraft(
  db: Db,
  clock: Clock,
  req: ApplyRequest,
  options: { submitted?: boolean } = {},
): Promise<{ draft: Draft; version: ServiceVersion }> {
  const draft = await findDraftByToken(db, req.agency.id, req.params.token, clock.now());
  const version = draft && (await findServiceVersion(db, draft.serviceVersionId));
  if (!draft || !version || (draft.submittedEntryId && !options.submitted)) throw new AppError("NOT_FOUND");
  return { draft, version };
}

/** PD-1: nothing is collected before the privacy notice was shown: the steps send there first. */
export const privacyFirst = (req: ApplyRequest, reply: FastifyReply, draft: Draft) =>
  draft.privacyNoticeVersion === null ? reply.redirect(stepUrl(req, "privacy"), 303) : undefined;

/**
 * The forms part's defence of every POST under /apply (a token bound to the draft, and no cross-site
 * request): a link alone is a key, so a page of the draft must have been shown to post to it.
 */
export function checkApplyPost(secret: string, req: FastifyRequest, draft: Draft, posted: unknown) {
  refuseCrossSite(req);
  checkDraftCsrf(secret, draft.id, posted);
}

/** The hidden field every form of these steps carries. */
export const csrfInput = (secret: string, draft: Draft): Html =>
  html`<input type="hidden" name="_csrf" value="${draftCsrfToken(secret, draft.id)}">`;

/** A step of the web flow: never cached, and its address (the resume key) never sent on as a Referer. */
export function sendApplyPage(req: FastifyRequest, reply: FastifyReply, title: string, body: Html) {
  reply.header("referrer-policy", "no-referrer");
  return sendPage(req, reply, { title, body });
}

/** `/apply/<token>/<step>` under the request's agency prefix. */
export const stepUrl = (req: ApplyRequest, step: string) =>
  `${req.basePath}/apply/${encodeURIComponent(req.params.token)}/${step}`;

/** GOV.UK's error summary: every error at the top, each a link to its field (LF-2). */
export function errorSummary(
  lang: Lang,
  errors: FieldError[],
  href: (field: string) => string = (field) => `#${fieldId(field)}`,
): Html | "" {
  if (!errors.length) return "";
  return html`<div class="errors" role="alert" tabindex="-1" id="error-summary"><h2>${t(lang, "apply.errorsTitle")}</h2>
<ul>${errors.map((e) => html`<li><a href="${href(e.field)}">${e.message}</a></li>`)}</ul></div>`;
}

/** An HTML id for a field path (`applicant.actingPerson.name` → `f-applicant-actingPerson-name`). */
export const fieldId = (field: string) => `f-${field.replace(/[^\w-]/g, "-")}`;

/** One text input with its label, hint and the error about it. */
export function textField(opts: {
  field: string;
  name: string;
  label: string;
  value?: string;
  errors: FieldError[];
  type?: "text" | "email" | "tel";
  autocomplete?: string;
  inputmode?: string;
  maxlength?: number;
}): Html {
  const id = fieldId(opts.field);
  const error = opts.errors.find((e) => e.field === opts.field);
  return html`<label for="${id}">${opts.label}</label>
${error ? html`<p class="refused" id="${id}-error">${error.message}</p>` : ""}
<input type="${opts.type ?? "text"}" id="${id}" name="${opts.name}" value="${opts.value ?? ""}" maxlength="${String(opts.maxlength ?? 200)}"${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ""}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ""}${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ""}>`;
}
