import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** The person the local ThaiD signs in (claims as ThaiD names them; `ial` a string like "2.3"). */
export interface ThaidPerson {
  pid: string;
  name: string;
  name_en: string;
  ial: string;
}

/** How the local ThaiD misbehaves, as real providers and attackers do; each off by default. */
export interface ThaidQuirks {
  /** `expires_in` as an epoch (what ETDA's samples describe), not a duration. */
  expiresInEpoch: boolean;
  /** The ID token's payload altered after signing (its signature no longer matches). */
  tamperIdToken: boolean;
  /** The person declines: the callback gets `error=access_denied`. */
  deny: boolean;
}

export interface LocalThaid {
  issuer: string;
  clientId: string;
  clientSecret: string;
  person: ThaidPerson;
  quirks: ThaidQuirks;
  /** The THAID_* settings for Borikan at `publicUrl` (its redirect URI is registered exactly). */
  env(): Record<string, string>;
  /** Follows the provider's redirects from an authorization URL (the login is automatic); the callback URL. */
  drive(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

export const THAID_PERSON: ThaidPerson = {
  pid: "1101700207030",
  name: "นาย ทดสอบ ระบบ",
  name_en: "Mr. Test System",
  ial: "2.3",
};

/**
 * A ThaiD-like OpenID Connect provider on loopback (oidc-provider 8): ES256 ID tokens from its JWKS,
 * ThaiD's scopes and claim names in the ID token, a confidential client authenticating with
 * client_secret_basic, PKCE not required, and an interaction that logs the configured person in and
 * grants the scopes asked, without a page. `publicUrl`: Borikan's, for the registered redirect URI.
 */
export async function startLocalThaid(
  publicUrl: string,
  person: ThaidPerson = THAID_PERSON,
): Promise<LocalThaid> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "borikan-test";
  const clientSecret = crypto.randomBytes(24).toString("base64url");
  const redirectUri = `${publicUrl}/account/thaid/callback`;
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = { ...privateKey.export({ format: "jwk" }), alg: "ES256", use: "sig", kid: "thaid-test-1" };
  const quirks: ThaidQuirks = { expiresInEpoch: false, tamperIdToken: false, deny: false };
  const local = { person: { ...person } };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
      },
    ],
    jwks: { keys: [jwk] },
    scopes: ["openid", "pid", "name", "name_en", "ial"],
    claims: { openid: ["sub"], pid: ["pid"], name: ["name"], name_en: ["name_en"], ial: ["ial"] },
    // ThaiD puts the person's claims in the ID token itself.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...local.person }),
    }),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => false },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    ttl: {
      AccessToken: 900,
      AuthorizationCode: 60,
      IdToken: 900,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    renderError: async (ctx: { type: string; body: unknown }, out: Record<string, string>) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><title>ThaiD error</title><h1>${out.error ?? "error"}</h1>`;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== "/token" || ctx.method !== "POST" || !ctx.body || typeof ctx.body !== "object") return;
    const body = ctx.body as Record<string, unknown>;
    if (quirks.expiresInEpoch) body.expires_in = Math.floor(Date.now() / 1000) + 900;
    if (quirks.tamperIdToken && typeof body.id_token === "string") body.id_token = tamper(body.id_token);
  });
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    interact(provider, req, res, local.person, quirks).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    get person() {
      return local.person;
    },
    set person(p: ThaidPerson) {
      local.person = p;
    },
    quirks,
    env: () => ({ THAID_ISSUER: issuer, THAID_CLIENT_ID: clientId, THAID_CLIENT_SECRET: clientSecret }),
    drive: (url) => drive(url, redirectUri),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The login and consent steps, finished at once for the configured person (or declined). */
async function interact(
  provider: Provider,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  person: ThaidPerson,
  quirks: ThaidQuirks,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (quirks.deny)
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "the person declined" },
      { mergeWithLastSubmission: false },
    );
  if (details.prompt.name === "login")
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.pid } },
      { mergeWithLastSubmission: false },
    );
  const grant =
    (details.grantId && (await provider.Grant.find(details.grantId))) ||
    new provider.Grant({
      accountId: details.session?.accountId ?? person.pid,
      clientId: details.params.client_id ?? "",
    });
  grant.addOIDCScope(details.params.scope ?? "openid");
  const missing = details.prompt.details.missingOIDCClaims;
  if (Array.isArray(missing)) grant.addOIDCClaims(missing as string[]);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** An ID token whose payload says another person, its signature left as it was. */
function tamper(idToken: string): string {
  const [header, payload, signature] = idToken.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
  claims.pid = "3100600123450";
  claims.name = "Someone Else";
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

/** A browser's walk through the provider's redirects, with its cookies, until the redirect URI. */
async function drive(authorizationUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get("location");
    if (!location)
      throw new Error(
        `the provider stopped at ${url.pathname}: ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    await res.arrayBuffer().catch(() => undefined);
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url;
  }
  throw new Error("the provider redirected too many times");
}
