import type { FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { newToken, sha256Hex } from "../platform/ids.js";
import type { SignInsTable } from "./identity.table.js";

/** WS-3: a citizen signs in again after 15 minutes idle or 12 hours in all, like an officer. */
export const CITIZEN_IDLE_MS = 15 * 60_000;
export const CITIZEN_ABSOLUTE_MS = 12 * 3_600_000;
const TOUCH_MS = 60_000;
export const CITIZEN_COOKIE = "borikan_citizen";

/** Who is signed in on this request, how, and at what assurance (set by `citizenSessionHook`). */
export interface CitizenSession {
  sessionId: string;
  accountId: string;
  agencyId: string;
  csrfToken: string;
  signInId: string;
  provider: SignInsTable["provider"];
  /** As the provider asserted it (ThaiD's `ial` claim as sent; null for a code). */
  ial: string | null;
  aal: string;
  signedInAt: string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** #13: the signed-in citizen, if any. */
    citizen?: CitizenSession;
  }
}

/** Starts a session for a sign-in; the token goes in the cookie, only its hash is kept. */
export async function startCitizenSession(
  db: Db,
  input: { accountId: string; agencyId: string; signInId: string },
  at: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken() + newToken();
  const csrfToken = newToken();
  await db
    .insertInto("citizen_sessions")
    .values({
      id: sha256Hex(token),
      agency_id: input.agencyId,
      account_id: input.accountId,
      sign_in_id: input.signInId,
      csrf_token: csrfToken,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
    })
    .execute();
  return { token, csrfToken };
}

/** The live session of a cookie token in an agency, or undefined (unknown, expired, closed account). */
export async function resolveCitizenSession(
  db: Db,
  token: string,
  agencyId: string,
  clock: Clock,
): Promise<CitizenSession | undefined> {
  if (!token) return undefined;
  const id = sha256Hex(token);
  const row = await db
    .selectFrom("citizen_sessions as s")
    .innerJoin("sign_ins as i", "i.id", "s.sign_in_id")
    .innerJoin("citizen_accounts as a", "a.id", "s.account_id")
    .select([
      "s.id",
      "s.agency_id",
      "s.account_id",
      "s.csrf_token",
      "s.created_at",
      "s.last_seen_at",
      "s.sign_in_id",
      "i.provider",
      "i.ial",
      "i.aal",
      "i.at",
      "a.closed_at",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row || row.agency_id !== agencyId || row.closed_at !== null) return undefined;
  const now = clock.now().getTime();
  if (
    now - Date.parse(row.last_seen_at) > CITIZEN_IDLE_MS ||
    now - Date.parse(row.created_at) > CITIZEN_ABSOLUTE_MS
  ) {
    await db.deleteFrom("citizen_sessions").where("id", "=", id).execute();
    return undefined;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_MS)
    await db
      .updateTable("citizen_sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id", "=", id)
      .execute();
  return {
    sessionId: id,
    accountId: row.account_id,
    agencyId: row.agency_id,
    csrfToken: row.csrf_token,
    signInId: row.sign_in_id,
    provider: row.provider,
    ial: row.ial,
    aal: row.aal,
    signedInAt: row.at,
  };
}

export async function endCitizenSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("citizen_sessions").where("id", "=", sessionId).execute();
}

/** An onRequest hook (after the agency is resolved): sets `req.citizen` from the cookie. */
export function citizenSessionHook(db: Db, clock: Clock) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = req.cookies?.[CITIZEN_COOKIE];
    if (!token || !req.agency) return;
    req.citizen = await resolveCitizenSession(db, token, req.agency.id, clock);
  };
}
