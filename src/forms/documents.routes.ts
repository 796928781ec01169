import type { FastifyInstance, FastifyReply } from "fastify";
import type { ServiceVersion } from "../catalog/index.js";
import { screenFiles } from "../intake/attachments/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { refusalText, shownLimits } from "../platform/http/form-errors.js";
import { asForm, formOptional, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { t } from "../platform/i18n/index.js";
import type { FileStore } from "../platform/storage/file-store.js";
import {
  type ApplyRequest,
  checkApplyPost,
  csrfInput,
  loadApplyDraft,
  privacyFirst,
  sendApplyPage,
  stepUrl,
} from "./apply-page.js";
import { checkDocuments, checklistFor, E_STAMP_REFERENCE } from "./documents.js";
import type { Draft, DraftDocument } from "./draft.js";
import { updateDraft } from "./drafts.repo.js";
import { judgeResolution } from "./resolution.js";
import { nextStep, previousStep } from "./steps.js";
import type { FieldError } from "./validate-answers.js";
import { documentsView } from "./views/documents.view.js";

/** No draft holds more files than this, whatever the checklist (each upload is its own request). */
const MAX_DRAFT_DOCUMENTS = 30;

export interface DocumentsRoutesDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  limits: MultipartLimits;
}

/** FM-2..5: `/apply/:token/documents`: the manual's checklist, uploads, removal, continue. */
export function documentsRoutes(app: FastifyInstance, deps: DocumentsRoutesDeps) {
  const { handle, clock } = deps;
  const hide = { schema: { hide: true } };
  type Req = ApplyRequest;

  const show = (
    req: Req,
    reply: FastifyReply,
    draft: Draft,
    version: ServiceVersion,
    errors: FieldError[],
    notice?: string,
  ) => {
    const back = previousStep(version.definition, draft, "documents")?.path ?? "applicant";
    return sendApplyPage(
      req,
      reply,
      t(req.lang, "apply.documents.title"),
      documentsView({
        lang: req.lang,
        checklist: checklistFor(version.definition, draft.applicant?.type),
        documents: draft.documents,
        action: (path) => stepUrl(req, path),
        back: stepUrl(req, back),
        csrf: csrfInput(deps.secret, draft),
        errors,
        notice,
      }),
    );
  };

  const save = async (draft: Draft, documents: DraftDocument[]) => {
    if (!(await updateDraft(handle.db, draft.id, { documents }, clock.now())))
      throw new AppError("APPLICATION_ALREADY_SUBMITTED");
  };

  app.get<{ Params: { token: string } }>("/apply/:token/documents", hide, async (req, reply) => {
    const { draft, version } = await loadApplyDraft(handle.db, clock, req);
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    if (!draft.applicant) return reply.redirect(stepUrl(req, "applicant"), 303);
    return show(req, reply, draft, version, []);
  });

  app.post<{ Params: { token: string } }>("/apply/:token/documents/upload", hide, async (req, reply) => {
    const { draft, version } = await loadApplyDraft(handle.db, clock, req);
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
    const { fields, files } = await readMultipart(req, deps.limits);
    checkApplyPost(deps.secret, req, draft, fields._csrf);
    const documentId = formString(fields.documentId, "documentId", 100);
    const eStamp = formOptional(fields.eStampReference, "eStampReference", 40)?.trim() || undefined;
    const item = checklistFor(version.definition, draft.applicant?.type).find((d) => d.id === documentId);
    const fail = (code: string, message: string) =>
      show(req, reply.code(422), draft, version, [{ field: `documents.${documentId}`, code, message }]);
    if (!item) return fail("documentUnknown", t(req.lang, "application.error.documentUnknown"));
    const file = files[0];
    if (!file) return fail("documentMissing", t(req.lang, "application.error.documentMissing"));
    if (eStamp !== undefined && !E_STAMP_REFERENCE.test(eStamp))
      return fail("eStampReference", t(req.lang, "application.error.eStampReference"));
    if (draft.documents.length >= MAX_DRAFT_DOCUMENTS)
      return fail("TOO_MANY_FILES", refusalText(req.lang, "TOO_MANY_FILES", shownLimits(deps.limits)));
    // FM-3: the allow-list by content, as for every file Borikan receives.
    const [screened] = await screenFiles(deps.files, [file], deps.limits.maxFileBytes);
    if (!screened?.storageKey || !screened.sha256 || screened.refusalCode)
      return fail(
        screened?.refusalCode ?? "FILE_TYPE_NOT_ALLOWED",
        `${t(req.lang, "apply.documents.refused", { filename: file.filename })}: ${refusalText(req.lang, screened?.refusalCode ?? "other", shownLimits(deps.limits))}`,
      );
    const resolution = await judgeResolution(file.bytes, screened.mediaType, item.paper);
    const document: DraftDocument = {
      documentId,
      fileKey: screened.storageKey,
      filename: screened.filename,
      mediaType: screened.mediaType ?? "application/octet-stream",
      size: screened.size,
      sha256: screened.sha256,
      ...resolution,
      ...(eStamp && { eStampReference: eStamp }),
    };
    await save(draft, [...draft.documents, document]);
    return reply.redirect(stepUrl(req, "documents"), 303);
  });

  app.post<{ Params: { token: string } }>("/apply/:token/documents/remove", hide, async (req, reply) => {
    const { draft } = await loadApplyDraft(handle.db, clock, req);
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    const form = asForm(req.body);
    checkApplyPost(deps.secret, req, draft, form._csrf);
    const documentId = formString(form.documentId, "documentId", 100);
    const sha256 = formString(form.sha256, "sha256", 64);
    const index = draft.documents.findIndex((d) => d.documentId === documentId && d.sha256 === sha256);
    if (index >= 0) await save(draft, draft.documents.toSpliced(index, 1));
    return reply.redirect(stepUrl(req, "documents"), 303);
  });

  app.post<{ Params: { token: string } }>("/apply/:token/documents", hide, async (req, reply) => {
    const { draft, version } = await loadApplyDraft(handle.db, clock, req);
    const first = privacyFirst(req, reply, draft);
    if (first) return first;
    checkApplyPost(deps.secret, req, draft, asForm(req.body)._csrf);
    if (!draft.applicant) return reply.redirect(stepUrl(req, "applicant"), 303);
    // LF-2: a required item without a file is an error on that item, not a refusal of the page.
    const errors = checkDocuments(version.definition, draft.applicant.type, draft.documents, req.lang);
    if (errors.length) return show(req, reply.code(422), draft, version, errors);
    const next = nextStep(version.definition, draft, "documents")?.path ?? "check";
    return reply.redirect(stepUrl(req, next), 303);
  });
}
