import { Value } from "@sinclair/typebox/value";
import type { FastifyInstance } from "fastify";
import type { WebIntakeDeps } from "../intake/web/index.js";
import { AppError } from "../platform/errors.js";
import { checkText } from "../platform/http/form-fields.js";
import { type MultipartLimits, type ReceivedFile, readMultipart } from "../platform/http/multipart.js";
import { newToken } from "../platform/ids.js";
import {
  ApiError,
  ApplicationBody,
  ApplicationReceipt,
  ServiceCodeParams,
} from "./applications-api.schemas.js";
import { type ApplicationDocumentInput, submitApplication } from "./submit-application.js";

const IDEMPOTENCY_KEY = /^[\w.:-]{8,200}$/;

/** An AppError for bytes that are not what the schema says, with one error per field (422). */
function invalid(errors: { path: string; message: string }[]) {
  return new AppError(
    "APPLICATION_INVALID",
    {},
    {
      errors: errors.slice(0, 50).map((e) => ({
        field: e.path.replace(/^\//, "").replaceAll("/", ".") || "body",
        code: "schema",
        message: e.message,
      })),
    },
  );
}

/** FM-1..7, CH-11: `POST /api/v1/services/{code}/applications`. */
export function applicationsApiRoutes(
  app: FastifyInstance,
  deps: { intake: WebIntakeDeps; limits: MultipartLimits },
) {
  app.post<{ Params: { code: string } }>(
    "/api/v1/services/:code/applications",
    {
      schema: {
        summary: "Apply for a service (FM-1..7)",
        description:
          "Registers the application in the incoming register and answers with its receipt number, in one transaction. The applicant, the answers (the service's form schema), the documents of its checklist (FM-2: one electronic copy counts for all) and a type-1 signature (typed name + confirmed). Send an `Idempotency-Key`: the same key and body return the first receipt (200); the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. Invalid data: 422 APPLICATION_INVALID with one error per field. A service whose signature needs a one-time code (email or SMS) is refused with 409 SIGNATURE_OTP_REQUIRED: apply through the web pages. A retired service: 409 SERVICE_RETIRED.",
        tags: ["services"],
        params: ServiceCodeParams,
        headers: { type: "object", properties: { "idempotency-key": { type: "string" } } },
        body: ApplicationBody,
        consumes: ["application/json", "multipart/form-data"],
        response: { 200: ApplicationReceipt, 201: ApplicationReceipt, "4xx": ApiError },
      },
      // One schema for JSON and multipart: validated in the handler once the body is read.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      const key = req.headers["idempotency-key"];
      if (key !== undefined && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)))
        throw new AppError("IDEMPOTENCY_KEY_INVALID");
      let body: unknown = req.body;
      let parts: ReceivedFile[] = [];
      if (req.isMultipart()) {
        const read = await readMultipart(req, deps.limits);
        const text = read.fields.application;
        if (typeof text !== "string")
          throw invalid([{ path: "/application", message: "a JSON field is required" }]);
        try {
          body = JSON.parse(text);
        } catch {
          throw invalid([{ path: "/application", message: "not JSON" }]);
        }
        parts = read.files;
      }
      const language = (body as { language?: unknown } | null)?.language;
      if (language === "th" || language === "en") req.lang = language;
      const errors = [...Value.Errors(ApplicationBody, body)];
      if (errors.length) throw invalid(errors);
      const input = body as typeof ApplicationBody.static;
      for (const d of input.documents) checkText(d.filename, "documents.filename", 255);
      const documents: ApplicationDocumentInput[] = input.documents.map((d, i) => {
        const file: ReceivedFile =
          d.contentBase64 !== undefined
            ? fromBase64(d.filename, d.contentBase64, deps.limits)
            : (parts.shift() ?? missingPart(i));
        return {
          documentId: d.documentId,
          ...(d.eStampReference !== undefined && { eStampReference: d.eStampReference }),
          file: { ...file, filename: d.filename },
        };
      });
      const result = await submitApplication(
        deps.intake,
        req.agency,
        {
          serviceCode: req.params.code,
          applicant: input.applicant,
          answers: input.answers,
          documents,
          privacyNoticeVersion: input.privacyNoticeVersion ?? null,
          language: input.language ?? req.lang,
          signature: input.signature,
        },
        {
          idempotencyKey: `application-api:${key ?? newToken()}`,
          ip: req.ip,
          userAgent: req.headers["user-agent"],
        },
      );
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.code(result.replayed ? 200 : 201).send({
        receiptNumber: result.entry.receiptNumber,
        receivedAt: result.entry.receivedAt.toISOString(),
        workingStart: result.entry.workingStart.toISOString(),
        acknowledgeBy: result.entry.acknowledgeBy.toISOString(),
        applicationId: result.applicationId,
        serviceVersion: result.serviceVersion,
        trackingUrl: result.trackingUrl,
      });
    },
  );
}

function fromBase64(filename: string, base64: string, limits: MultipartLimits): ReceivedFile {
  const bytes = Buffer.from(base64, "base64");
  const tooLarge = bytes.length > limits.maxFileBytes;
  return {
    filename,
    bytes: tooLarge ? new Uint8Array() : bytes,
    size: bytes.length,
    ...(tooLarge && { refusal: "FILE_TOO_LARGE" as const }),
  };
}

const missingPart = (i: number): never => {
  throw invalid([{ path: `/documents/${i}`, message: "no file part for this document" }]);
};
