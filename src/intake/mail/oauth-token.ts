/**
 * XOAUTH2 for Microsoft 365 and Google Workspace: an access token from the provider's token endpoint by
 * the refresh-token grant (RFC 6749 §6), kept until shortly before it expires. openid-client would
 * bring discovery and PKCE we do not need here; this is one POST.
 */
export interface TokenSource {
  accessToken(): Promise<string>;
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
  return {
    async accessToken() {
      if (cached && cached.until > now()) return cached.token;
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: options.clientId,
      });
      if (options.clientSecret) body.set("client_secret", options.clientSecret);
      const response = await fetch(options.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok || typeof json.access_token !== "string") {
        throw new Error(`OAuth2 token refresh failed: ${response.status} ${String(json.error ?? "")}`.trim());
      }
      // Providers may rotate the refresh token; keep the new one for the next refresh.
      if (typeof json.refresh_token === "string") refreshToken = json.refresh_token;
      const lifetime = typeof json.expires_in === "number" ? json.expires_in : 3600;
      cached = { token: json.access_token, until: now() + Math.max(0, lifetime - 60) * 1000 };
      return cached.token;
    },
  };
}
