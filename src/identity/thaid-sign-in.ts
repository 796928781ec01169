import * as oidc from "openid-client";
import { recordAudit } from "../audit/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import { idNumberLookupKey } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { sha256Hex } from "../platform/ids.js";
import { assuranceOfIalClaim } from "./assurance.js";
import type { ThaidClient } from "./thaid-client.js";

/** An OpenID Connect request waits ten minutes for its callback. */
export const OIDC_REQUEST_LIFETIME_MS = 10 * 60_000;

/** Only a path on this site (never `//host` or a scheme): where to go after signing in. */
export const safeReturnPath = (path: string | undefined, fallback: string): string =>
  path && /^\/(?!\/)[^\s\\]*$/.test(path) && path.length <= 2000 ? path : fallback;

/** Throws THAID_UNAVAILABLE when the provider cannot be reached (discovery, token endpoint). */
export async function thaidConfiguration(client: ThaidClient): Promise<oidc.Configuration> {
  try {
    return await client.configuration();
  } catch {
    throw new AppError("THAID_UNAVAILABLE");
  }
}

/**
 * ID-4: starts a ThaiD sign-in: a fresh state, nonce and PKCE verifier (ThaiD does not advertise PKCE;
 * sending it is harmless), kept under sha256(state) for ten minutes, and the provider's URL to send
 * the browser to. `accountId`: the account signed in now (a step-up attaches the ThaiD identity to it).
 */
export async function startThaidSignIn(
  db: Db,
  client: ThaidClient,
  input: { agencyId: string; returnPath: string; accountId?: string },
  now: Date,
): Promise<URL> {
  const config = await thaidConfiguration(client);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await db
    .insertInto("oidc_requests")
    .values({
      id: sha256Hex(state),
      agency_id: input.agencyId,
      nonce,
      code_verifier: verifier,
      return_path: input.returnPath,
      account_id: input.accountId ?? null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + OIDC_REQUEST_LIFETIME_MS).toISOString(),
      used_at: null,
    })
    .execute();
  // Requests past their time are of no use: pruned as new ones come.
  await db
    .deleteFrom("oidc_requests")
    .where("expires_at", "<", new Date(now.getTime() - 86_400_000).toISOString())
    .execute();
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: client.settings.redirectUri,
    scope: client.settings.scope,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
}

export interface ClaimedRequest {
  id: string;
  nonce: string;
  codeVerifier: string;
  returnPath: string;
  accountId: string | null;
}

/**
 * Takes the request of a callback's `state` for this one use, atomically (one UPDATE on an unused,
 * unexpired row): a replayed callback finds it used. Throws THAID_STATE_INVALID (unknown, another
 * agency's), THAID_STATE_REPLAYED, THAID_STATE_EXPIRED.
 */
export async function claimOidcRequest(
  db: Db,
  agencyId: string,
  state: string,
  now: Date,
): Promise<ClaimedRequest> {
  const id = sha256Hex(state);
  const at = now.toISOString();
  const row = await db
    .updateTable("oidc_requests")
    .set({ used_at: at })
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returning(["id", "nonce", "code_verifier", "return_path", "account_id"])
    .executeTakeFirst();
  if (row)
    return {
      id: row.id,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      returnPath: row.return_path,
      accountId: row.account_id,
    };
  const seen = await db
    .selectFrom("oidc_requests")
    .select(["used_at"])
    .where("id", "=", id)
    .where("agency_id", "=", agencyId)
    .executeTakeFirst();
  throw new AppError(
    !seen ? "THAID_STATE_INVALID" : seen.used_at ? "THAID_STATE_REPLAYED" : "THAID_STATE_EXPIRED",
  );
}

export interface ThaidIdentity {
  pid: string;
  pidHmac: string;
  name: string | null;
  /** The `ial` claim as sent (a string such as "2.3"), and the level it reads as. */
  ial: string | null;
  assurance: ReturnType<typeof assuranceOfIalClaim>;
}

/** THAI-STANDARDS §3: a national ID's mod-11 check digit over its first twelve digits. */
export function isNationalId(pid: string): boolean {
  if (!/^[1-8]\d{12}$/.test(pid)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(pid[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(pid[12]);
}

/**
 * Exchanges the callback's code at ThaiD's token endpoint and verifies the ID token (openid-client:
 * ES256 signature by the provider's JWKS, iss, aud, exp, nonce; state). Reads `pid` (checksum
 * verified), `name` (else `name_en`) and `ial`. Throws THAID_DENIED (the provider answered an error),
 * THAID_TOKEN_INVALID, THAID_PID_INVALID, THAID_UNAVAILABLE.
 */
export async function exchangeThaidCode(
  client: ThaidClient,
  sealer: Sealer,
  request: ClaimedRequest,
  callback: URLSearchParams,
): Promise<ThaidIdentity> {
  if (callback.has("error")) throw new AppError("THAID_DENIED");
  const config = await thaidConfiguration(client);
  let claims: oidc.IDToken | undefined;
  try {
    const url = new URL(client.settings.redirectUri);
    url.search = callback.toString();
    const tokens = await oidc.authorizationCodeGrant(config, url, {
      expectedState: callback.get("state") ?? "",
      expectedNonce: request.nonce,
      pkceCodeVerifier: request.codeVerifier,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (error) {
    throw new AppError(isNetworkFailure(error) ? "THAID_UNAVAILABLE" : "THAID_TOKEN_INVALID");
  }
  const pid = typeof claims?.pid === "string" ? claims.pid : "";
  const pidHmac = idNumberLookupKey(sealer, pid);
  if (!isNationalId(pid) || !pidHmac) throw new AppError("THAID_PID_INVALID");
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
  const ial = typeof claims?.ial === "number" ? String(claims.ial) : text(claims?.ial);
  return {
    pid,
    pidHmac,
    name: text(claims?.name) ?? text(claims?.name_en),
    ial,
    assurance: assuranceOfIalClaim(ial),
  };
}

/** fetch's own failure (refused, reset, timed out) somewhere in the chain of causes. */
function isNetworkFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++)
    if ((e instanceof TypeError && e.message === "fetch failed") || e.name === "TimeoutError") return true;
  return false;
}

/** Records a refused ThaiD callback (by the request's id only) so that attacks are visible. */
export async function auditThaidRefusal(
  db: Db,
  input: { agencyId: string; state: string; code: string; ip: string },
  at: string,
): Promise<void> {
  await recordAudit(db, {
    agencyId: input.agencyId,
    actor: "citizen:anonymous",
    action: "citizen.thaid-refused",
    subjectType: "oidc_request",
    subjectId: input.state ? sha256Hex(input.state) : "-",
    data: { code: input.code },
    ip: input.ip,
    at,
  });
}
