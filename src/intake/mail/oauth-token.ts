/**
 * XOAUTH2 for Microsoft 365 and Google Workspace: an access token from the provider's token endpoint by
 * the refresh-token grant (RFC 6749 §6), kept until shortly before it expires. openid-client would
 * bring discovery and PKCE we do not need here; this is one POST.
 */
export interface TokenSource {
  accessToken(): Promise<string>;
  /** Forgets the cached token (the server refused it: revoked, password reset): the next call refreshes. */
  invalidate(): void;
}

export function createTokenSource(options: {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
  now?: () => number;
}): TokenSource {
  const now = options.now ?? Date.now;
  let cached: { token: string; until: number } | undefined;
  let refreshToken = options.refreshToken;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: options.clientId,
    });
    if (options.clientSecret) body.set("client_secret", options.clientSecret);
    let response: Response;
    try {
      response = await fetch(options.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new Error(`OAuth2 token endpoint unreachable: ${cause ?? (error as Error).message}`);
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof json.access_token !== "string") {
      throw new Error(`OAuth2 token refresh failed: ${response.status} ${String(json.error ?? "")}`.trim());
    }
    // Providers may rotate the refresh token; keep the new one for the next refresh.
    if (typeof json.refresh_token === "string") refreshToken = json.refresh_token;
    // Some endpoints send expires_in as a string.
    const lifetime = Number(json.expires_in);
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : 3600;
    cached = { token: json.access_token, until: now() + Math.max(0, seconds - 60) * 1000 };
    return cached.token;
  }

  return {
    accessToken() {
      if (cached && cached.until > now()) return Promise.resolve(cached.token);
      // One refresh at a time: with rotating refresh tokens a second, parallel refresh would present
      // the token the first one has just replaced.
      inFlight ??= refresh().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
