import * as oidc from "openid-client";

/**
 * ID-4 (THAI-STANDARDS §1): the settings of the agency's ThaiD relying party, from the environment
 * (THAID_*, see config). The redirect URI is PUBLIC_URL + `/account/thaid/callback`, registered with
 * DOPA exactly as written.
 */
export interface ThaidSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Sent as the `x-api-key` header on calls to ThaiD when DOPA issued one. */
  apiKey?: string;
  redirectUri: string;
  /** How long a ThaiD sign-in proves the person's identity for later applications (ID-2). */
  proofValidityDays: number;
}

export interface ThaidClient {
  settings: ThaidSettings;
  /** The provider's configuration, discovered once (again after a failure). */
  configuration(): Promise<oidc.Configuration>;
}

/** A loopback issuer (a local provider in tests and development) may speak plain HTTP; no other. */
const isLoopbackHttp = (url: URL) =>
  url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/**
 * ThaiD documents `expires_in` as the expiry time (epoch seconds), not a duration (THAI-STANDARDS §1):
 * a value past 10^9 is read as an epoch and turned into the seconds left, so either reading works.
 */
export function normaliseExpiresIn(value: unknown, nowMs: number): unknown {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n <= 1e9) return value;
  return Math.max(0, Math.round(n - nowMs / 1000));
}

function thaidFetch(apiKey: string | undefined): oidc.CustomFetch {
  return async (url, options) => {
    const headers = new Headers(options.headers);
    if (apiKey) headers.set("x-api-key", apiKey);
    const response = await fetch(url, { ...options, headers });
    const type = response.headers.get("content-type") ?? "";
    if (options.method !== "POST" || !type.includes("json") || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    if ("expires_in" in body) body.expires_in = normaliseExpiresIn(body.expires_in, Date.now());
    const out = new Headers(response.headers);
    out.delete("content-length");
    out.delete("content-encoding");
    return new Response(JSON.stringify(body), { status: response.status, headers: out });
  };
}

export function createThaidClient(settings: ThaidSettings): ThaidClient {
  let discovered: Promise<oidc.Configuration> | undefined;
  return {
    settings,
    configuration() {
      const issuer = new URL(settings.issuer);
      discovered ??= oidc
        .discovery(
          issuer,
          settings.clientId,
          // ThaiD signs ID tokens with ES256 only.
          { client_secret: settings.clientSecret, id_token_signed_response_alg: "ES256" },
          oidc.ClientSecretBasic(settings.clientSecret),
          {
            // openid-client trusts an ID token from the token endpoint by TLS alone unless asked: ID-4
            // wants its ES256 signature checked against ThaiD's JWKS too (a tampered token is refused).
            execute: [
              oidc.enableNonRepudiationChecks,
              ...(isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : []),
            ],
            [oidc.customFetch]: thaidFetch(settings.apiKey),
            timeout: 15,
          },
        )
        .catch((error) => {
          discovered = undefined;
          throw error;
        });
      return discovered;
    },
  };
}
