import type { FastifyInstance, FastifyReply } from "fastify";
import type { ServiceVersion } from "../catalog/index.js";
import type { WebIntakeDeps } from "../intake/web/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText } from "../platform/http/form-errors.js";
import { asForm, formOptional } from "../platform/http/form-fields.js";
import { t } from "../platform/i18n/index.js";
import { signerName } from "./applicant.js";
import {
  type ApplyRequest,
  checkApplyPost,
  csrfInput,
  loadApplyDraft,
  privacyFirst,
  sendApplyPage,
  stepUrl,
} from "./apply-page.js";
import { checklistFor } from "./documents.js";
import type { Draft } from "./draft.js";
import {
  createSignatureChallenge,
  type VerifiedChallenge,
  verifySignatureCode,
} from "./signature-challenges.js";
import type { SmsGateway } from "./sms-gateway.js";
import { previousStep } from "./steps.js";
import { submitApplication } from "./submit-application.js";
import type { FieldError } from "./validate-answers.js";
import { type OtpState, signView } from "./views/sign.view.js";

/**
 * How a one-time code reaches the applicant: email through the outbox when a mail server is configured,
 * SMS through the gateway when one is; a channel that is neither is said unavailable (honest states).
 */
export interface CodeSenders {
  email: boolean;
  sms?: SmsGateway;
}

const mask = (to: string) =>
  to.includes("@")
    ? to.replace(/^(.).*(@.*)$/, "$1***$2")
    : `${"x".repeat(Math.max(0, to.length - 4))}${to.slice(-4)}`;

/** FM-6: `/apply/:token/sign`: the type-1 signature, the one-time code when asked, and the submission. */
export function signRoutes(app: FastifyInstance, deps: { intake: WebIntakeDeps; senders: CodeSenders }) {
  const { handle, clock } = deps.intake;
  const hide = { schema: { hide: true } };

  const otpState = (draft: Draft, version: ServiceVersion, sent: boolean): OtpState => {
    const channel = version.definition.signature.otp;
    if (channel === "none") return { kind: "none" };
    if (channel === "email" ? !deps.senders.email : !deps.senders.sms)
      return { kind: "unavailable", channel };
    const to = channel === "email" ? draft.applicant?.email : draft.applicant?.phone;
    return to ? { kind: "ready", channel, to: mask(to), sent } : { kind: "no-contact", channel };
  };

  const show = (
    req: ApplyRequest,
    reply: FastifyReply,
    draft: Draft,
    version: ServiceVersion,
    extra: { errors?: FieldError[]; notice?: string; sent?: boolean; name?: string } = {},
  ) =>
    sendApplyPage(
      req,
      reply,
      t(req.lang, "apply.sign.title"),
      signView({
        lang: req.lang,
        version,
        action: (path) => stepUrl(req, path),
        name: extra.name ?? "",
        otp: otpState(draft, version, extra.sent ?? false),
        errors: extra.errors ?? [],
        notice: extra.notice,
        csrf: csrfInput(deps.intake.secret, draft),
        back: stepUrl(req, previousStep(version.definition, draft, "sign")?.path ?? "check"),
      }),
    );

  app.get<{ Params: { token: string }; Querystring: { sent?: string } }>(
    "/apply/:token/sign",
    hide,
    async (req, reply) => {
      const { draft, version } = await loadApplyDraft(handle.db, clock, req);
      const first = privacyFirst(req, reply, draft);
      if (first) return first;
      if (!draft.applicant) return reply.redirect(stepUrl(req, "applicant"), 303);
      return show(req, reply, draft, version, { sent: req.query.sent === "1" });
    },
  );

  app.post<{ Params: { token: string } }>("/apply/:token/sign/code", hide, async (req, reply) => {
    const { draft, version } = await loadApplyDraft(handle.db, clock, req);
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    checkApplyPost(deps.intake.secret, req, draft, asForm(req.body)._csrf);
    const state = otpState(draft, version, false);
    // Honest states: a channel that is not configured, or no address, sends nothing and says so.
    if (state.kind !== "ready" || !draft.applicant) return show(req, reply.code(409), draft, version);
    const channel = state.channel;
    const to = (channel === "email" ? draft.applicant.email : draft.applicant.phone) ?? "";
    const def = version.definition;
    const at = clock.now();
    const text = (code: string) => t(req.lang, "apply.sign.codeText", { service: def.name.th, code });
    let accepted = true;
    if (channel === "email") {
      // Written with the challenge, in one transaction: a code exists exactly when its message does.
      await withTransaction(handle, async (trx) => {
        const challenge = await createSignatureChallenge(
          trx,
          { draftId: draft.id, channel, destination: to },
          at,
        );
        await enqueueMessage(
          trx,
          {
            agencyId: req.agency.id,
            entryId: null,
            subjectKey: `otp:${challenge.id}`,
            kind: "signature-code",
            channel: "email",
            recipient: to,
            mail: {
              subject: t(req.lang, "apply.sign.codeSubject"),
              text: text(challenge.code),
              // FM-6: the code lives only as a hash once sent; never sent after it expires.
              secret: challenge.code,
              notAfter: challenge.expiresAt.toISOString(),
            },
          },
          at.toISOString(),
        );
      });
    } else {
      const challenge = await withTransaction(handle, (trx) =>
        createSignatureChallenge(trx, { draftId: draft.id, channel, destination: to }, at),
      );
      accepted = await deps.senders.sms!.send(to, text(challenge.code)).then(
        (r) => r.accepted,
        () => false,
      );
    }
    if (!accepted)
      return show(req, reply.code(502), draft, version, { notice: t(req.lang, "apply.sign.sendFailed") });
    return reply.redirect(`${stepUrl(req, "sign")}?sent=1`, 303);
  });

  app.post<{ Params: { token: string } }>("/apply/:token/sign", hide, async (req, reply) => {
    const { draft, version } = await loadApplyDraft(handle.db, clock, req, { submitted: true });
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    const form = asForm(req.body);
    checkApplyPost(deps.intake.secret, req, draft, form._csrf);
    if (!draft.applicant) return reply.redirect(stepUrl(req, "applicant"), 303);
    const name = formOptional(form.name, "name", 200) ?? "";
    const code = formOptional(form.code, "code", 20)?.trim() ?? "";
    const confirmed = formOptional(form.confirmed, "confirmed", 10) === "yes";
    const def = version.definition;
    try {
      let otp: VerifiedChallenge | undefined;
      if (def.signature.otp !== "none" && !draft.submittedEntryId) {
        try {
          otp = await verifySignatureCode(handle.db, draft.id, code, clock.now());
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const message = errorText(req.lang, error);
          return show(req, reply.code(error.status), draft, version, {
            name,
            errors: [{ field: "signature.code", code: error.code, message }],
          });
        }
      }
      const checklist = checklistFor(def, draft.applicant.type);
      const result = await submitApplication(
        deps.intake,
        req.agency,
        {
          serviceCode: def.code,
          draft: { id: draft.id, serviceVersionId: draft.serviceVersionId },
          applicant: draft.applicant,
          answers: draft.answers,
          // A file of an item the applicant's type does not need (the type changed since) is left out.
          documents: draft.documents
            .filter((d) => checklist.some((item) => item.id === d.documentId))
            .map((d) => ({ documentId: d.documentId, eStampReference: d.eStampReference, stored: d })),
          privacyNoticeVersion: draft.privacyNoticeVersion,
          language: req.lang,
          signature: { name, confirmed, ...(otp && { otp }) },
        },
        { idempotencyKey: `draft:${draft.id}`, ip: req.ip, userAgent: req.headers["user-agent"] },
      );
      const { entry, trackingToken } = result;
      return reply.redirect(
        `${req.basePath}/requests/${entry.beYear}/${entry.sequence}?t=${trackingToken}&new=1&lang=${req.lang}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const errors =
        error.code === "APPLICATION_INVALID"
          ? (error.details as { errors: FieldError[] }).errors.map((e) => linkToStep(e, def))
          : [];
      const notice = errors.length ? undefined : errorText(req.lang, error);
      return show(req, reply.code(error.status), draft, version, {
        name: name || signerName(draft.applicant),
        errors,
        notice,
      });
    }
  });
}

/** An error found at signing names the step to go back to: its link goes there (LF-2). */
function linkToStep(e: FieldError, def: ServiceVersion["definition"]): FieldError {
  if (e.field.startsWith("signature.")) return e;
  const [head, rest = ""] = e.field.split(/\.(.*)/s);
  const page = def.form.ui.pages.find((p) => p.fields.includes(rest.split(".")[0] ?? ""));
  const step = head === "applicant" ? "applicant" : head === "answers" && page ? `q/${page.id}` : "documents";
  return { ...e, field: `step:${step}` };
}
