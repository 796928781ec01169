import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyReply } from "fastify";
import { STYLE_HASH } from "./layout.js";

/**
 * The CSP of every page: nothing runs inline (our pages need no script at all; the API explorer loads
 * its own from this origin), the one stylesheet is admitted by its hash, nothing may frame a page
 * (an office page framed by another site could be clicked through without the officer knowing).
 */
const PAGE_DIRECTIVES = {
  "default-src": ["'self'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "img-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", STYLE_HASH],
};

const serialize = (directives: Record<string, string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");

/**
 * The API explorer at /docs (swagger-ui): its scripts come from this origin, but the UI injects a
 * <style> element as it renders (checked in a browser), so styles (never scripts) may be inline there.
 */
export const DOCS_CSP = serialize({ ...PAGE_DIRECTIVES, "style-src": ["'self'", "'unsafe-inline'"] });

/** A received file or an export, should a browser open it anyway: a sandbox that may load and run nothing. */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/**
 * The original-mail page (CH-6): our frame only, nothing from the sender's servers, no script at all,
 * and sandboxed should anything slip through (keeping forms and the session for the office menu, and
 * downloads for the .eml link).
 */
export const NOTHING_REMOTE_CSP = serialize({
  sandbox: ["allow-forms", "allow-same-origin", "allow-downloads"],
  "default-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "img-src": ["'self'", "data:"],
  "style-src": [STYLE_HASH],
});

/**
 * The headers helmet would have set, for the answers Fastify sends before any hook runs (a URL it
 * cannot decode): no framing, no sniffing, no Referer, nothing runnable (SC-1).
 */
export const PAGE_HEADERS = {
  "content-security-policy": serialize(PAGE_DIRECTIVES),
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
} as const;

export const withPageHeaders = (reply: FastifyReply) => reply.headers(PAGE_HEADERS);

/** Marks a reply as a file download: sandboxed, never sniffed into something runnable. */
export const asDownload = (reply: FastifyReply) =>
  reply.header("content-security-policy", DOWNLOAD_CSP).header("x-content-type-options", "nosniff");

/**
 * Security headers on every response, errors and redirects included (SC-1): CSP, no framing, nosniff,
 * no Referer (tracking tokens live in URLs), and HSTS only when the service is reached over https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: options.https ? { ...PAGE_DIRECTIVES, "upgrade-insecure-requests": [] } : PAGE_DIRECTIVES,
    },
    // Not includeSubDomains: an agency may serve Borikan from its own domain, whose other hosts are not ours.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}
