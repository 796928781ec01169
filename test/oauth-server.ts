import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the identity provider of Microsoft 365 / Google Workspace, on loopback, speaking the
 * real protocols so that only the network boundary is faked:
 *
 * - `POST /token`: the refresh-token grant (RFC 6749 §6), client authenticated by client_id and
 *   client_secret in the form body or by HTTP Basic (§2.3.1); answers as §5.1 / §5.2 say.
 * - `POST /introspect`: token introspection (RFC 7662) as Dovecot's oauth2 passdb calls it with
 *   `introspection_mode = post` (form body `token=...`): `{"active": true, "username": user}` for an
 *   access token it issued that has neither expired nor been revoked, otherwise `{"active": false}`.
 */
export interface OAuthServer {
  tokenUrl: string;
  introspectionUrl: string;
  /** Requests to the token endpoint so far, failed ones included. */
  tokenRequests(): number;
  /** Introspection requests so far (each IMAP login with a bearer token makes one). */
  introspections(): number;
  /** The refresh token the server accepts now (it changes on every grant when rotating). */
  currentRefreshToken(): string;
  /** Every access token issued so far becomes inactive; the refresh token stays valid. */
  revokeAll(): void;
  close(): Promise<void>;
}

export interface OAuthServerOptions {
  /** The mailbox the tokens are for (the introspection's `username`). */
  user: string;
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of the access tokens, in seconds (`expires_in`). */
  expiresIn?: number;
  /** Issue a new refresh token with every grant and stop accepting the old one (as Microsoft does). */
  rotateRefreshToken?: boolean;
}

const FORM = "application/x-www-form-urlencoded";

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== FORM) return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    // RFC 6749 §5.1: responses carrying tokens must not be cached.
    "cache-control": "no-store",
    pragma: "no-cache",
    ...headers,
  });
  res.end(text);
}

/** Client credentials from HTTP Basic (RFC 6749 §2.3.1: form-urlencoded, then base64) or from the body. */
function clientOf(req: IncomingMessage, form: URLSearchParams) {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
  if (basic?.[1]) {
    const [id = "", secret = ""] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    return { id: decode(id), secret: decode(secret), basic: true };
  }
  return { id: form.get("client_id"), secret: form.get("client_secret"), basic: false };
}

export async function startOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const clientId = options.clientId ?? "borikan-test";
  const clientSecret = options.clientSecret ?? "client-secret";
  const expiresIn = options.expiresIn ?? 3600;
  let refreshToken = options.refreshToken;
  const issued = new Map<string, { expiresAt: number; revoked: boolean }>();
  let tokenRequests = 0;
  let introspections = 0;

  async function token(req: IncomingMessage, res: ServerResponse) {
    tokenRequests++;
    const form = await readForm(req);
    if (!form) {
      return sendJson(res, 400, { error: "invalid_request", error_description: `expected ${FORM}` });
    }
    const client = clientOf(req, form);
    if (client.id !== clientId || client.secret !== clientSecret) {
      // §5.2: 401 with WWW-Authenticate when the client tried HTTP Basic, else 400 or 401.
      return sendJson(
        res,
        401,
        { error: "invalid_client" },
        client.basic ? { "www-authenticate": 'Basic realm="token"' } : {},
      );
    }
    if (form.get("grant_type") !== "refresh_token")
      return sendJson(res, 400, { error: "unsupported_grant_type" });
    const presented = form.get("refresh_token");
    if (!presented) return sendJson(res, 400, { error: "invalid_request" });
    if (presented !== refreshToken) return sendJson(res, 400, { error: "invalid_grant" });
    const accessToken = randomBytes(24).toString("base64url");
    issued.set(accessToken, { expiresAt: Date.now() + expiresIn * 1000, revoked: false });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: expiresIn,
    };
    if (options.rotateRefreshToken) {
      refreshToken = randomBytes(24).toString("base64url");
      body.refresh_token = refreshToken;
    }
    sendJson(res, 200, body);
  }

  async function introspect(req: IncomingMessage, res: ServerResponse) {
    introspections++;
    const form = await readForm(req);
    const presented = form?.get("token");
    if (!presented) return sendJson(res, 400, { error: "invalid_request" });
    const found = issued.get(presented);
    // RFC 7662 §2.2: an unknown, expired or revoked token is just inactive, with nothing else said.
    if (!found || found.revoked || found.expiresAt <= Date.now())
      return sendJson(res, 200, { active: false });
    sendJson(res, 200, {
      active: true,
      username: options.user,
      client_id: clientId,
      token_type: "Bearer",
      scope: "https://outlook.office.com/IMAP.AccessAsUser.All",
      exp: Math.floor(found.expiresAt / 1000),
    });
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const handler = path === "/token" ? token : path === "/introspect" ? introspect : undefined;
    if (!handler) return sendJson(res, 404, { error: "not_found" });
    if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request" }, { allow: "POST" });
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: "server_error", error_description: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    tokenUrl: `${base}/token`,
    introspectionUrl: `${base}/introspect`,
    tokenRequests: () => tokenRequests,
    introspections: () => introspections,
    currentRefreshToken: () => refreshToken,
    revokeAll() {
      for (const token of issued.values()) token.revoked = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Dovecot's auth process keeps its connection open; do not wait for it to go.
        server.closeAllConnections();
      }),
  };
}
