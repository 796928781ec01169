import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findCurrentVersion } from "../../catalog/index.js";
import { AppError } from "../../platform/errors.js";
import { html } from "../../platform/html.js";
import { asForm, checkText, formString } from "../../platform/http/form-fields.js";
import { sendPage } from "../../platform/http/layout.js";
import { t } from "../../platform/i18n/index.js";
import { createDraft, updateDraft } from "../drafts.repo.js";
import { emailResumeLink } from "../email-resume-link.js";
import { fieldErrorMessage } from "../field-messages.js";
import { privacyNotice } from "../privacy-notice.js";
import { nextStep, previousStep, stepsOf } from "../steps.js";
import { answerToInputs, postedInputs, readField } from "../thai-inputs.js";
import { type FieldError, validateAnswers } from "../validate-answers.js";
import { visibleFields } from "../visibility.js";
import { type ApplyContext, type ApplyDeps, loadDraft } from "./apply-context.js";
import { checkDraftCsrf, refuseCrossSite, seeOther } from "./apply-guard.js";
import { saveForm } from "./views/apply-parts.view.js";
import { checkView } from "./views/check.view.js";
import { feeEstimateView } from "./views/fee-estimate.view.js";
import { anchorOf, type RawInputs } from "./views/fields.view.js";
import { privacyView } from "./views/privacy.view.js";
import { questionView } from "./views/question.view.js";

type TokenParams = { Params: { token: string } };
type PageParams = { Params: { token: string; pageId: string }; Querystring: { return?: string } };

/**
 * FM-1, PD-1: applying for a service on the web, the steps this capability owns: starting a draft, the
 * privacy notice, the form's pages, check your answers and "save and continue later". Pages need no
 * JavaScript; every POST carries the draft's CSRF token; every unknown link is a plain 404.
 */
export async function applyRoutes(app: FastifyInstance, deps: ApplyDeps) {
  const db = deps.handle.db;
  const hide = { schema: { hide: true } };
  const stepHref = (ctx: ApplyContext, path: string) => `${ctx.base}/${path}`;
  const pageTitle = (lang: "th" | "en", title: { th: string; en?: string }) =>
    lang === "en" ? title.en || title.th : title.th;

  // A POST must first prove it comes from a page of this draft; then the steps may be taken in turn.
  async function loadForPost(req: FastifyRequest, token: string) {
    refuseCrossSite(req);
    const ctx = await loadDraft(deps, req, token);
    const posted = asForm(req.body);
    checkDraftCsrf(deps.secret, ctx.draft.id, posted._csrf);
    return { ctx, posted };
  }
  const notYetPrivacy = (ctx: ApplyContext) => ctx.draft.privacyNoticeVersion === null;

  app.post<{ Params: { code: string } }>("/services/:code/apply", hide, async (req, reply) => {
    refuseCrossSite(req);
    const version = await findCurrentVersion(db, req.agency.id, req.params.code);
    if (!version) throw new AppError("NOT_FOUND");
    const { token } = await createDraft(
      db,
      { agencyId: req.agency.id, serviceVersionId: version.id, language: req.lang },
      deps.clock.now(),
    );
    return seeOther(reply, `${req.basePath}/apply/${token}/privacy`);
  });

  // PD-1: the notice comes before anything is collected, and continuing records which one was read.
  app.get<TokenParams>("/apply/:token/privacy", hide, async (req, reply) => {
    const ctx = await loadDraft(deps, req, req.params.token);
    const notice = privacyNotice(ctx.version, req.agency, req.lang);
    return sendPage(req, reply, {
      title: t(req.lang, "privacy.title", { service: notice.service }),
      body: privacyView({ lang: req.lang, notice, action: stepHref(ctx, "privacy"), csrf: ctx.csrf }),
    });
  });

  app.post<TokenParams>("/apply/:token/privacy", hide, async (req, reply) => {
    const { ctx, posted } = await loadForPost(req, req.params.token);
    const notice = privacyNotice(ctx.version, req.agency, req.lang);
    // A notice changed since it was shown (another version) is shown again rather than recorded unseen.
    if (posted.version !== notice.version) return seeOther(reply, stepHref(ctx, "privacy"));
    const now = deps.clock.now();
    if (!(await updateDraft(db, ctx.draft.id, { privacyNoticeVersion: notice.version }, now)))
      throw new AppError("NOT_FOUND");
    const next = nextStep(ctx.version.definition, ctx.draft, "privacy");
    return seeOther(reply, stepHref(ctx, next?.path ?? "check"));
  });

  function showQuestion(
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: ApplyContext,
    pageId: string,
    answers: Record<string, unknown>,
    raw: RawInputs,
    errors: FieldError[],
    returnTo?: string,
  ) {
    const { form } = ctx.version.definition;
    const page = form.ui.pages.find((p) => p.id === pageId);
    if (!page) throw new AppError("NOT_FOUND");
    const shown = visibleFields(form, answers);
    const back = previousStep(ctx.version.definition, { ...ctx.draft, answers }, `q/${pageId}`);
    return sendPage(req, reply, {
      title: `${errors.length ? `${t(req.lang, "apply.errorsTitle")}: ` : ""}${pageTitle(req.lang, page.title)}`,
      body: questionView({
        lang: req.lang,
        serviceName: ctx.serviceName,
        form,
        page,
        fields: page.fields.filter((f) => shown.has(f)),
        raw,
        errors,
        action: stepHref(ctx, `q/${pageId}`),
        saveAction: stepHref(ctx, "save"),
        back: returnTo === "check" ? stepHref(ctx, "check") : back && stepHref(ctx, back.path),
        csrf: ctx.csrf,
        returnTo,
        email: ctx.draft.email,
      }),
    });
  }

  app.get<PageParams>("/apply/:token/q/:pageId", hide, async (req, reply) => {
    const ctx = await loadDraft(deps, req, req.params.token);
    if (notYetPrivacy(ctx)) return seeOther(reply, stepHref(ctx, "privacy"));
    const { form } = ctx.version.definition;
    const page = form.ui.pages.find((p) => p.id === req.params.pageId);
    if (!page) throw new AppError("NOT_FOUND");
    const { answers } = ctx.draft;
    const shown = visibleFields(form, answers);
    if (!page.fields.some((f) => shown.has(f))) {
      const next = nextStep(ctx.version.definition, ctx.draft, `q/${page.id}`);
      return seeOther(reply, stepHref(ctx, next?.path ?? "check"));
    }
    const raw = Object.assign({}, ...page.fields.map((f) => answerToInputs(form, f, answers[f])));
    const returnTo = req.query.return === "check" ? "check" : undefined;
    return showQuestion(req, reply, ctx, page.id, answers, raw, [], returnTo);
  });

  app.post<PageParams>("/apply/:token/q/:pageId", hide, async (req, reply) => {
    const { ctx, posted } = await loadForPost(req, req.params.token);
    if (notYetPrivacy(ctx)) return seeOther(reply, stepHref(ctx, "privacy"));
    const { form } = ctx.version.definition;
    const page = form.ui.pages.find((p) => p.id === req.params.pageId);
    if (!page) throw new AppError("NOT_FOUND");
    const returnTo = posted.return === "check" ? "check" : undefined;
    const raw = postedInputs(posted);
    // Text that is not text (control characters, broken UTF-8) is a field error, not a 500.
    const textErrors: FieldError[] = [];
    for (const [key, value] of Object.entries(raw))
      for (const one of Array.isArray(value) ? value : [value])
        try {
          checkText(one, key, 20_000);
        } catch {
          const field = page.fields.find((f) => key === f || key.startsWith(`${f}-`));
          if (field && !textErrors.some((e) => e.field === field))
            textErrors.push({
              field,
              code: "invalid",
              message: fieldErrorMessage(form, req.lang, field, "invalid"),
            });
        }
    const answers: Record<string, unknown> = { ...ctx.draft.answers };
    for (const field of page.fields) {
      const value = textErrors.length ? undefined : readField(form, field, posted);
      if (value === undefined) delete answers[field];
      else answers[field] = value;
    }
    if (textErrors.length)
      return showQuestion(req, reply.code(400), ctx, page.id, answers, raw, textErrors, returnTo);
    // Narrowing an address (province → district → subdistrict): the same page again, nothing saved.
    if (posted._choose !== undefined)
      return showQuestion(req, reply, ctx, page.id, answers, raw, [], returnTo);
    // A choice that reveals more questions on this page (showIf): show them before going on.
    // (`_shown` lists the fields the page was rendered with; a client that sends none is not asked again.)
    const rendered = new Set(formString(posted._shown ?? "", "_shown", 5000).split(","));
    const shownNow = visibleFields(form, answers);
    const revealed = page.fields.filter(
      (f) => shownNow.has(f) && !rendered.has(f) && answers[f] === undefined,
    );
    if (posted._shown !== undefined && revealed.length > 0)
      return showQuestion(req, reply, ctx, page.id, answers, raw, [], returnTo);
    const result = validateAnswers(form, answers, { lang: req.lang, onlyFields: page.fields });
    if (!result.ok)
      return showQuestion(req, reply.code(400), ctx, page.id, answers, raw, result.errors, returnTo);
    if (!(await updateDraft(db, ctx.draft.id, { answers: result.value }, deps.clock.now())))
      throw new AppError("NOT_FOUND");
    const next =
      returnTo ??
      nextStep(ctx.version.definition, { ...ctx.draft, answers: result.value }, `q/${page.id}`)?.path;
    return seeOther(reply, stepHref(ctx, next ?? "check"));
  });

  app.get<TokenParams>("/apply/:token/check", hide, async (req, reply) => {
    const ctx = await loadDraft(deps, req, req.params.token);
    if (notYetPrivacy(ctx)) return seeOther(reply, stepHref(ctx, "privacy"));
    const { definition } = ctx.version;
    const { form } = definition;
    const shown = visibleFields(form, ctx.draft.answers);
    const pages = form.ui.pages
      .map((p) => ({
        id: p.id,
        title: pageTitle(req.lang, p.title),
        fields: p.fields.filter((f) => shown.has(f)),
      }))
      .filter((p) => p.fields.length > 0);
    const result = validateAnswers(form, ctx.draft.answers, { lang: req.lang });
    const pageOf = (field: string) =>
      form.ui.pages.find((p) => p.fields.includes(field.split(".")[0] ?? ""))?.id;
    const problems = result.ok
      ? []
      : result.errors.map((e) => ({
          href: `${stepHref(ctx, `q/${pageOf(e.field) ?? form.ui.pages[0]?.id}`)}?return=check#${anchorOf(form, e.field)}`,
          message: e.message,
        }));
    const back = previousStep(definition, ctx.draft, "check");
    return sendPage(req, reply, {
      title: t(req.lang, "check.title"),
      body: checkView({
        lang: req.lang,
        serviceName: ctx.serviceName,
        form,
        draft: ctx.draft,
        pages,
        problems,
        documentNames: Object.fromEntries(
          definition.documents.map((d) => [d.id, pageTitle(req.lang, d.name)]),
        ),
        stepHref: (path) => stepHref(ctx, path),
        back: back && stepHref(ctx, back.path),
        fees: feeEstimateView(req.lang, definition, ctx.draft.answers),
        saveAction: stepHref(ctx, "save"),
        csrf: ctx.csrf,
      }),
    });
  });

  // "Save and continue later": the resume link by email, through the outbox.
  app.post<TokenParams>("/apply/:token/save", hide, async (req, reply) => {
    const { ctx, posted } = await loadForPost(req, req.params.token);
    const steps = stepsOf(ctx.version.definition, ctx.draft).map((s) => s.path);
    const returnTo =
      typeof posted.return === "string" && steps.includes(posted.return) ? posted.return : "privacy";
    const email = formString(posted.email, "email", 254).trim();
    try {
      await emailResumeLink(
        deps.handle,
        {
          draft: ctx.draft,
          email,
          resumeUrl: `${deps.publicUrl}/a/${req.agency.id}/apply/${ctx.token}/${returnTo}`,
          serviceName: ctx.serviceName,
        },
        deps.clock.now(),
      );
    } catch (error) {
      if (
        !(error instanceof AppError) ||
        (error.code !== "EMAIL_INVALID" && error.code !== "TOO_MANY_ATTEMPTS")
      )
        throw error;
      const message = t(
        req.lang,
        error.code === "EMAIL_INVALID" ? "apply.emailInvalid" : "apply.tooManyLinks",
      );
      return sendPage(req, reply.code(error.status), {
        title: t(req.lang, "apply.saveTitle"),
        body: html`<p><a href="${stepHref(ctx, returnTo)}">${t(req.lang, "apply.back")}</a></p>
${saveForm(req.lang, stepHref(ctx, "save"), ctx.csrf, returnTo, email, message)}`,
      });
    }
    return sendPage(req, reply, {
      title: t(req.lang, "apply.savedTitle"),
      body: html`<div class="ok" role="status"><h1>${t(req.lang, "apply.savedTitle")}</h1>
<p>${t(req.lang, "apply.saved", { email })}</p></div>
<p><a href="${stepHref(ctx, returnTo)}">${t(req.lang, "apply.savedBack")}</a></p>`,
    });
  });
}
