import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type ErrorCode } from "../errors.js";
import { html } from "../html.js";
import { hasMessage, type Lang, t } from "../i18n/index.js";
import { renderPage } from "./layout.js";

/** Fastify's own errors (parsing, limits, schema) mapped onto our stable codes. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return new AppError("VALIDATION_FAILED", { detail: error.message }, error.validation);
  switch (error.code) {
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
      return new AppError("TOO_MANY_FILES", { max: 100 });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return new AppError("REQUEST_TOO_LARGE", { maxMb: "-" });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("VALIDATION_FAILED", { detail: error.message });
  }
  if (error.statusCode === 404) return new AppError("NOT_FOUND");
  if (error.statusCode === 400 && /JSON/i.test(error.message))
    return new AppError("VALIDATION_FAILED", { detail: error.message });
  return new AppError("INTERNAL");
}

/**
 * Every rejection: a 4xx with a stable code and a message in the user's language — JSON for the API,
 * a page for people. Unexpected faults are logged and answered 500 without internals.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") request.log.error({ err: error }, "request failed");
  const lang: Lang = request.lang ?? "th";
  const key = `error.${appError.code}`;
  const message = hasMessage(key) ? t(lang, key, appError.params) : appError.code;
  reply.code(appError.status);
  if (request.url.includes("/api/") || !request.headers.accept?.includes("text/html")) {
    return reply.send({ error: { code: appError.code as ErrorCode, message, details: appError.details } });
  }
  const agencyName = request.agency
    ? lang === "th"
      ? request.agency.nameTh
      : request.agency.nameEn
    : "Borikan";
  return reply.type("text/html; charset=utf-8").send(
    renderPage({
      lang,
      title: message,
      agencyName,
      switchHref: `?lang=${lang === "th" ? "en" : "th"}`,
      body: html`<div class="errors" role="alert"><h1>${message}</h1><p>${appError.code}</p></div><p><a href="${request.basePath ?? ""}/">←</a></p>`,
    }),
  );
}
