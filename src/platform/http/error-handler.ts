import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { DATABASE_RETRY_SECONDS, isDatabaseUnavailable } from "../db/connection-errors.js";
import { AppError, type ErrorCode } from "../errors.js";
import { html } from "../html.js";
import { hasMessage, type Lang, pickLang, t } from "../i18n/index.js";
import { shownParams } from "./form-errors.js";
import { renderPage } from "./layout.js";
import { toMultipartError } from "./multipart.js";

/** What the messages about limits quote: the real limits of this install. */
export interface ErrorLimits {
  maxRequestBytes: number;
  maxFiles: number;
}

const MB = 1024 * 1024;

/**
 * Fastify's, @fastify/multipart's and busboy's errors mapped onto our stable codes. Each of them is
 * about what the client sent, so each is a 4xx; an error we do not know stays a 500.
 */
function toAppError(error: FastifyError, request: FastifyRequest, limits: ErrorLimits): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) return new AppError("VALIDATION_FAILED", { detail: error.message }, error.validation);
  switch (error.code) {
    case "FST_ERR_VALIDATION":
      return new AppError("VALIDATION_FAILED", { detail: error.message });
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return new AppError("REQUEST_TOO_LARGE", { maxMb: Math.round(limits.maxRequestBytes / MB) });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      // The API has answered VALIDATION_FAILED to broken JSON since it was published: kept stable.
      return new AppError("VALIDATION_FAILED", { detail: error.message.slice(0, 100) });
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("BODY_INVALID", { detail: error.message.slice(0, 100) });
    case "FST_ERR_BAD_URL":
    case "FST_ERR_INVALID_URL":
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError("URL_INVALID");
    case "FST_ERR_NOT_FOUND":
      return new AppError("NOT_FOUND");
    case "FST_FILES_LIMIT":
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
    case "FST_PROTO_VIOLATION":
    case "FST_INVALID_JSON_FIELD_ERROR":
      return toMultipartError(error, limits) as AppError;
  }
  if (request.isMultipart?.()) {
    const mapped = toMultipartError(error, limits);
    if (mapped instanceof AppError) return mapped;
  }
  if (error.statusCode === 404) return new AppError("NOT_FOUND");
  // Fastify and its body parsers flag what the client got wrong (bad JSON, a forbidden __proto__ key)
  // with a 4xx; a 4xx status on anything else (a client of another service failing) is not trusted.
  const fromParser = error.code?.startsWith("FST_") || error instanceof SyntaxError;
  if (fromParser && error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError(/JSON/i.test(error.message) ? "VALIDATION_FAILED" : "BODY_INVALID", {
      detail: error.message.slice(0, 100),
    });
  // #18 shared: the database out of reach is a 503 to try again, not a fault of ours or of the client
  if (isDatabaseUnavailable(error) || isBackendReset(error, request))
    return new AppError("DATABASE_UNAVAILABLE", { seconds: DATABASE_RETRY_SECONDS });
  if ((error as { code?: string }).code === "ECONNRESET" || error.message === "aborted")
    return new AppError("BODY_INVALID", { detail: "the request was cut short" });
  return new AppError("INTERNAL");
}

// #18 shared: a connection reset after the whole request arrived was not the client's: the database (or
// another backend) cut it, e.g. PostgreSQL restarting. One cut short while it arrived stays BODY_INVALID.
function isBackendReset(error: FastifyError, request: FastifyRequest): boolean {
  const code = (error as { code?: string }).code;
  return (code === "ECONNRESET" || code === "EPIPE") && request.raw.complete && !request.raw.aborted;
}

/** API errors follow the request's own language field, then Accept-Language (WS-3). */
function languageOf(request: FastifyRequest): Lang {
  const body = request.body as { language?: unknown; lang?: unknown } | undefined;
  if (body && typeof body === "object" && !Buffer.isBuffer(body)) {
    for (const value of [body.language, body.lang]) if (value === "th" || value === "en") return value;
  }
  return request.lang ?? pickLang(undefined, request.headers["accept-language"]);
}

/**
 * Every rejection: a 4xx with a stable code and a message in the user's language — JSON for the API,
 * a page for people. Unexpected faults are logged and answered 500 without internals.
 */
export const errorHandler =
  (limits: ErrorLimits) => (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request, limits);
    if (appError.code === "INTERNAL") request.log.error({ err: error }, "request failed");
    const lang = languageOf(request);
    const key = `error.${appError.code}`;
    const message = hasMessage(key) ? t(lang, key, shownParams(lang, appError.params)) : appError.code;
    reply.code(appError.status);
    // #18: a dependency that is down for a while says when to try again (RFC 9110 s.10.2.3): the
    // database's restart is short, storage's outage may be longer.
    if (appError.status === 503) {
      request.log.warn({ err: error }, "dependency unavailable");
      const fallback = appError.code === "DATABASE_UNAVAILABLE" ? DATABASE_RETRY_SECONDS : "30";
      void reply.header("retry-after", String(appError.params.retryAfterSeconds ?? fallback));
    }
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
        footerLinks: request.footerLinks,
        footerLabel: t(lang, "site.footerNav"),
        statusBanner: request.statusBanner,
        body: html`<div class="errors" role="alert"><h1>${message}</h1><p>${appError.code}</p></div><p><a href="${request.basePath ?? ""}/">←</a></p>`,
      }),
    );
  };
