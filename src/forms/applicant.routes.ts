import type { FastifyInstance } from "fastify";
import type { ServiceVersion } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { asForm, formOptional } from "../platform/http/form-fields.js";
import { t } from "../platform/i18n/index.js";
import { checkApplicant } from "./applicant.js";
import {
  type ApplyRequest,
  checkApplyPost,
  csrfInput,
  loadApplyDraft,
  privacyFirst,
  sendApplyPage,
  stepUrl,
} from "./apply-page.js";
import type { Draft } from "./draft.js";
import { updateDraft } from "./drafts.repo.js";
import { nextStep, previousStep } from "./steps.js";
import { type ApplicantValues, applicantView } from "./views/applicant.view.js";

/** FM-5: `/apply/:token/applicant`: who applies, saved to the draft. */
export function applicantRoutes(
  app: FastifyInstance,
  deps: { handle: DatabaseHandle; clock: Clock; secret: string },
) {
  const { handle, clock } = deps;
  app.get<{ Params: { token: string } }>(
    "/apply/:token/applicant",
    { schema: { hide: true } },
    async (req, reply) => {
      const { draft, version } = await loadApplyDraft(handle.db, clock, req);
      const first = privacyFirst(req, reply, draft);
      if (first) return first;
      const a = draft.applicant;
      const values: ApplicantValues = a
        ? {
            type: a.type,
            name: a.name,
            idNumber: a.idNumber,
            actingName: a.actingPerson?.name,
            actingId: a.actingPerson?.idNumber,
            actingPosition: a.actingPerson?.position,
            email: a.email,
            phone: a.phone,
          }
        : { email: draft.email ?? undefined };
      return show(req, reply, draft, version, values, []);
    },
  );

  app.post<{ Params: { token: string } }>(
    "/apply/:token/applicant",
    { schema: { hide: true } },
    async (req, reply) => {
      const { draft, version } = await loadApplyDraft(handle.db, clock, req);
      const first = privacyFirst(req, reply, draft);
      if (first) return first;
      const form = asForm(req.body);
      checkApplyPost(deps.secret, req, draft, form._csrf);
      const field = (name: string, max = 200) => formOptional(form[name], name, max);
      const values: ApplicantValues = {
        type: field("type", 20),
        name: field("name"),
        idNumber: field("idNumber", 30),
        actingName: field("actingName"),
        actingId: field("actingId", 30),
        actingPosition: field("actingPosition"),
        email: field("email", 254),
        phone: field("phone", 30),
      };
      const checked = checkApplicant(
        version.definition,
        {
          ...values,
          actingPerson: {
            name: values.actingName,
            idNumber: values.actingId,
            position: values.actingPosition,
          },
        },
        req.lang,
      );
      if (!checked.ok) return show(req, reply.code(422), draft, version, values, checked.errors);
      if (!(await updateDraft(handle.db, draft.id, { applicant: checked.value }, clock.now())))
        throw new AppError("APPLICATION_ALREADY_SUBMITTED");
      const next = nextStep(version.definition, { ...draft, applicant: checked.value }, "applicant");
      return reply.redirect(stepUrl(req, next?.path ?? "check"), 303);
    },
  );

  const show = (
    req: ApplyRequest,
    reply: Parameters<typeof sendApplyPage>[1],
    draft: Draft,
    version: ServiceVersion,
    values: ApplicantValues,
    errors: Parameters<typeof applicantView>[0]["errors"],
  ) =>
    sendApplyPage(
      req,
      reply,
      t(req.lang, "apply.applicant.title"),
      applicantView({
        lang: req.lang,
        def: version.definition,
        action: stepUrl(req, "applicant"),
        back: stepUrl(req, previousStep(version.definition, draft, "applicant")?.path ?? "privacy"),
        csrf: csrfInput(deps.secret, draft),
        values,
        errors,
      }),
    );
}
