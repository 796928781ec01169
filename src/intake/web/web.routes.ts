import type {} from "@fastify/swagger";
import { Value } from "@sinclair/typebox/value";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findMessageStatuses } from "../../outbox/index.js";
import { AppError } from "../../platform/errors.js";
import type { Html } from "../../platform/html.js";
import { errorField, errorText } from "../../platform/http/form-errors.js";
import { asForm, checkText, formOptional, formString } from "../../platform/http/form-fields.js";
import { sendPage } from "../../platform/http/layout.js";
import { type MultipartLimits, readMultipart } from "../../platform/http/multipart.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { newToken } from "../../platform/ids.js";
import type { AcknowledgementState, AttachmentRecord, Entry } from "../../register/index.js";
import {
  acknowledgementState,
  findEntryByNumber,
  findMatterStatus,
  isValidTrackingToken,
  listAttachments,
} from "../../register/index.js";
import type { ReceivedFile } from "../attachments/index.js";
import { type SubmitResult, submitWebRequest, type WebIntakeDeps } from "./submit-web-request.js";
import { loadTracking, type Tracking } from "./tracking-timeline.js";
import { receiptView, refusalMessage } from "./views/receipt.view.js";
import { FORM_LABELS, type FormValues, requestFormView } from "./views/request-form.view.js";
import { timelineView } from "./views/timeline.view.js";
import {
  ErrorResponse,
  ReceiptParams,
  SubmissionBody,
  SubmissionReceipt,
  TrackingPageQuery,
  TrackingQuery,
  TrackingResponse,
} from "./web.schemas.js";
import type { WebSubmission } from "./web-submission.js";
import { trackingCsrfToken, withdrawRoutes } from "./withdraw.routes.js";

export interface WebRoutesOptions {
  deps: WebIntakeDeps;
  limits: MultipartLimits;
  /** False when no mail server is configured: acknowledgements waiting are then said not emailed (CH-4). */
  mailConfigured: boolean;
}

const MB = 1024 * 1024;
const IDEMPOTENCY_KEY = /^[\w.:-]{8,200}$/;

export async function webIntakeRoutes(
  app: FastifyInstance,
  { deps, limits, mailConfigured }: WebRoutesOptions,
) {
  const shownLimits = {
    maxFileMb: Math.round(limits.maxFileBytes / MB),
    maxRequestMb: Math.round(limits.maxRequestBytes / MB),
    maxFiles: limits.maxFiles,
  };
  const agencyName = (req: FastifyRequest) => (req.lang === "th" ? req.agency.nameTh : req.agency.nameEn);
  const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html) =>
    sendPage(req, reply, { title, body });

  const showForm = (req: FastifyRequest, reply: FastifyReply, values: FormValues, error?: AppError) =>
    page(
      req,
      reply,
      t(req.lang, "form.title", { agency: agencyName(req) }),
      requestFormView({
        lang: req.lang,
        agency: req.agency,
        action: `${req.basePath}/requests`,
        formToken: newToken(),
        values,
        error: error && { message: errorText(req.lang, error, FORM_LABELS), field: errorField(error) },
        limits: shownLimits,
      }),
    );

  async function loadReceipt(req: FastifyRequest, beYear: number, sequence: number, token: string) {
    const entry = await findEntryByNumber(deps.handle.db, req.agency.id, beYear, sequence);
    if (!entry || !isValidTrackingToken(deps.secret, entry.id, token)) throw new AppError("ENTRY_NOT_FOUND");
    const attachments = await listAttachments(deps.handle.db, entry.id);
    const trackingUrl = `${deps.publicUrl}/a/${req.agency.id}/requests/${beYear}/${sequence}?t=${token}`;
    // TR-1, WS-5: the matter's timeline, what it waits for and by when; its status from the matter it read.
    const tracking = await loadTracking(deps.handle.db, req.agency.id, entry, {
      secret: deps.secret,
      publicUrl: deps.publicUrl,
      now: deps.clock.now(),
    });
    const matterStatus =
      tracking?.matter.status ?? (await findMatterStatus(deps.handle.db, entry.matterId)) ?? "received";
    return {
      entry,
      attachments,
      matterStatus,
      trackingUrl,
      tracking,
      acknowledgement: await ackStateOf(entry),
    };
  }

  /** WS-5: the tracking API's timeline, in the same terms as the page. */
  const trackingJson = (base: string, token: string, tr: Tracking | undefined) => {
    if (!tr) return {};
    const letterUrl = (id: string) => `${base}/letters/${id}.pdf?t=${encodeURIComponent(token)}`;
    return {
      bizPortal: tr.biz,
      awaited: tr.awaited,
      expectedAt: tr.expectedAt?.toISOString() ?? null,
      dayKind: tr.dayKind,
      paused: tr.paused,
      timeline: tr.timeline.map((a) => {
        const letterId = typeof a.payload.letterId === "string" ? a.payload.letterId : null;
        return {
          at: a.at.toISOString(),
          action: a.action,
          from: a.from,
          to: a.to,
          letterId: letterId && tr.letters.some((l) => l.id === letterId) ? letterId : null,
        };
      }),
      letters: tr.letters.map((l) => ({ ...l, url: letterUrl(l.id) })),
      notifications: tr.notifications.map((n) => ({
        at: n.createdAt.toISOString(),
        event: n.event,
        channel: n.channel,
        status: n.status,
      })),
      canWithdraw: tr.canWithdraw,
    };
  };

  // The outbox knows whether the acknowledgement was handed to a mail server; the entry, whether given.
  const ackStateOf = async (entry: Entry) =>
    acknowledgementState(
      entry,
      (await findMessageStatuses(deps.handle.db, [entry.id])).get(entry.id),
      mailConfigured,
    );

  const receiptJson = (
    lang: Lang,
    r: {
      entry: Entry;
      attachments: AttachmentRecord[];
      trackingUrl: string;
      acknowledgement: AcknowledgementState;
    },
    status: string,
  ) => ({
    receiptNumber: r.entry.receiptNumber,
    receivedAt: r.entry.receivedAt.toISOString(),
    workingStart: r.entry.workingStart.toISOString(),
    acknowledgeBy: r.entry.acknowledgeBy.toISOString(),
    acknowledgedAt: r.entry.acknowledgedAt?.toISOString() ?? null,
    acknowledgement: {
      status: r.acknowledgement.status,
      via: r.acknowledgement.via,
      at: r.acknowledgement.at?.toISOString() ?? null,
    },
    channel: r.entry.channel,
    status,
    trackingUrl: r.trackingUrl,
    attachments: r.attachments.map((a) => ({
      filename: a.filename,
      accepted: a.refusalCode === null,
      mediaType: a.mediaType,
      size: a.size,
      ...(a.refusalCode
        ? { refusal: { code: a.refusalCode, message: refusalMessage(lang, a.refusalCode, shownLimits) } }
        : {}),
    })),
  });

  // #11: the general request ("another matter"); the home page is the catalogue of services.
  // #17 assistant: `?subject=&message=` fill the form in (the assistant's hand-over, IF-4); nothing is
  // written until the citizen sends it, and text of another shape or too long is ignored.
  app.get("/requests", { schema: { hide: true } }, (req, reply) => {
    const query = req.query as Record<string, unknown>;
    const given = (v: unknown, max: number) => (typeof v === "string" && v.length <= max ? v : undefined);
    return showForm(req, reply, { subject: given(query.subject, 300), message: given(query.message, 2000) });
  });

  app.post("/requests", { schema: { hide: true } }, async (req, reply) => {
    const { fields, files } = req.isMultipart()
      ? await readMultipart(req, limits)
      : { fields: asForm(req.body), files: [] as ReceivedFile[] };
    const lang: Lang = fields.lang === "en" ? "en" : fields.lang === "th" ? "th" : req.lang;
    req.lang = lang;
    // What the form shows again after a refusal: the text as sent, whatever shape it came in.
    const shown = (v: unknown) => (typeof v === "string" ? v.slice(0, 20_000) : undefined);
    const values: FormValues = {
      name: shown(fields.name),
      email: shown(fields.email),
      phone: shown(fields.phone),
      subject: shown(fields.subject),
      message: shown(fields.message),
      confirmed: fields.confirmed === "yes",
    };
    try {
      const formToken = formString(fields.form_token, "form_token", 200);
      if (!formToken || !IDEMPOTENCY_KEY.test(formToken)) throw new AppError("FORM_TOKEN_MISSING");
      const submission: WebSubmission = {
        name: formString(fields.name, "name", 200),
        email: formOptional(fields.email, "email", 254),
        phone: formOptional(fields.phone, "phone", 20),
        subject: formString(fields.subject, "subject", 300),
        message: formString(fields.message, "message", 20_000),
        confirmed: formString(fields.confirmed, "confirmed") === "yes",
        language: lang,
        files,
      };
      const result = await submitWebRequest(deps, req.agency, submission, {
        idempotencyKey: `form:${formToken}`,
        ip: req.ip,
      });
      // Post/Redirect/Get: reloading the confirmation never submits again.
      const { entry, trackingToken } = result;
      return reply.redirect(
        `${req.basePath}/requests/${entry.beYear}/${entry.sequence}?t=${trackingToken}&new=1&lang=${lang}`,
        303,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return showForm(req, reply.code(error.status), values, error);
    }
  });

  app.get<{ Params: { beYear: number; sequence: number }; Querystring: { t: string; new?: string } }>(
    "/requests/:beYear/:sequence",
    { schema: { hide: true, params: ReceiptParams, querystring: TrackingPageQuery } },
    async (req, reply) => {
      const r = await loadReceipt(req, req.params.beYear, req.params.sequence, req.query.t);
      const title = req.query.new
        ? t(req.lang, "receipt.title")
        : t(req.lang, "receipt.trackTitle", { receiptNumber: r.entry.receiptNumber });
      return page(
        req,
        reply,
        title,
        receiptView({
          lang: req.lang,
          agency: req.agency,
          ...r,
          isConfirmation: Boolean(req.query.new),
          limits: shownLimits,
          timeline:
            r.tracking &&
            timelineView(req.lang, req.agency, r.tracking, {
              base: `${req.basePath}/requests/${req.params.beYear}/${req.params.sequence}`,
              token: req.query.t,
              csrf: trackingCsrfToken(deps.secret, r.entry.id),
            }),
        }),
      );
    },
  );

  app.post(
    "/api/v1/requests",
    {
      schema: {
        summary: "Submit a request or message to the agency (CH-11)",
        description:
          "Registers the request in the incoming register and answers with its receipt number. Send an `Idempotency-Key` header: repeating it with the same body returns the first receipt (200) instead of a new one.",
        tags: ["intake"],
        headers: { type: "object", properties: { "idempotency-key": { type: "string" } } },
        body: SubmissionBody,
        consumes: ["application/json", "multipart/form-data"],
        response: { 200: SubmissionReceipt, 201: SubmissionReceipt, "4xx": ErrorResponse },
      },
      // One schema for JSON and multipart: validated in the handler once the body is read.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      const key = req.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)))
        throw new AppError("IDEMPOTENCY_KEY_INVALID");
      let body: unknown;
      let files: ReceivedFile[] = [];
      if (req.isMultipart()) {
        const read = await readMultipart(req, limits);
        body = {
          ...read.fields,
          confirmed: read.fields.confirmed === "true" || read.fields.confirmed === "yes",
        };
        files = read.files;
      } else {
        body = req.body;
      }
      // The request's own language field decides the language of its errors and answer (WS-3).
      const language = (body as { language?: unknown } | null)?.language;
      if (language === "th" || language === "en") req.lang = language;
      const firstError = [...Value.Errors(SubmissionBody, body)][0];
      if (firstError)
        throw new AppError("VALIDATION_FAILED", {
          detail: `${firstError.path || "/"} ${firstError.message}`,
        });
      const input = body as typeof SubmissionBody.static;
      for (const field of ["name", "email", "phone", "subject", "message"] as const) {
        const value = input[field];
        if (value !== undefined) checkText(value, field);
      }
      for (const a of input.attachments ?? []) checkText(a.filename, "attachments/filename");
      for (const a of input.attachments ?? []) {
        const bytes = Buffer.from(a.contentBase64, "base64");
        // CH-11: the same count limit as a multipart form (UPLOAD_MAX_FILES): the rest are named, not kept.
        const refusal =
          bytes.length > limits.maxFileBytes
            ? "FILE_TOO_LARGE"
            : files.length >= limits.maxFiles
              ? "TOO_MANY_FILES"
              : undefined;
        files.push({
          filename: a.filename,
          bytes: refusal === "TOO_MANY_FILES" ? new Uint8Array() : bytes,
          size: bytes.length,
          refusal,
        });
      }
      const result: SubmitResult = await submitWebRequest(
        deps,
        req.agency,
        { ...input, message: input.message ?? "", language: input.language ?? req.lang, files },
        { idempotencyKey: key ? `api:${key}` : `api:${newToken()}`, ip: req.ip },
      );
      if (result.replayed) reply.header("idempotent-replayed", "true");
      const acknowledgement = await ackStateOf(result.entry);
      return reply
        .code(result.replayed ? 200 : 201)
        .send(receiptJson(req.lang, { ...result, acknowledgement }, "received"));
    },
  );

  app.get<{ Params: { beYear: number; sequence: number }; Querystring: { t: string } }>(
    "/api/v1/requests/:beYear/:sequence",
    {
      schema: {
        summary: "The status of a request, by receipt number and tracking token (TR-1)",
        tags: ["tracking"],
        params: ReceiptParams,
        querystring: TrackingQuery,
        response: { 200: TrackingResponse, "4xx": ErrorResponse },
      },
    },
    async (req) => {
      const r = await loadReceipt(req, req.params.beYear, req.params.sequence, req.query.t);
      const base = `${deps.publicUrl}/a/${req.agency.id}/requests/${req.params.beYear}/${req.params.sequence}`;
      return {
        ...receiptJson(req.lang, r, r.matterStatus),
        ...trackingJson(base, req.query.t, r.tracking),
      };
    },
  );

  // #12 tracking: the applicant withdraws from the tracking page (TR-1).
  await withdrawRoutes(app, { deps });
}
