import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { newToken, sha256Hex } from "../platform/ids.js";
import { findSession, type Staff, staffFromRow } from "./staff.repo.js";

/** WS-3: sign in again after 15 minutes idle or 12 hours in all. */
export const IDLE_MS = 15 * 60_000;
export const ABSOLUTE_MS = 12 * 3_600_000;
/** Writing last_seen_at on every request would make every read a write: a minute's precision will do. */
const TOUCH_MS = 60_000;

export interface StaffSession {
  staff: Staff;
  sessionId: string;
  csrfToken: string;
  totpPending: boolean;
  /** WS-3: the last step-up (fresh password + code) on this session. */
  steppedUpAt?: Date;
}

export async function startSession(
  db: Db,
  staff: { id: string; agencyId: string },
  meta: { at: Date; ip?: string; userAgent?: string; totpPending: boolean },
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken() + newToken();
  const csrfToken = newToken();
  const at = meta.at.toISOString();
  await db
    .insertInto("staff_sessions")
    .values({
      id: sha256Hex(token),
      staff_id: staff.id,
      agency_id: staff.agencyId,
      csrf_token: csrfToken,
      totp_pending: meta.totpPending ? 1 : 0,
      created_at: at,
      last_seen_at: at,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The live session of a cookie token in an agency, or undefined: unknown, expired (idle or absolute),
 * of another agency, or of a disabled officer. Expired sessions are deleted.
 */
export async function resolveSession(
  db: Db,
  token: string,
  agencyId: string,
  clock: Clock,
): Promise<StaffSession | undefined> {
  const id = sha256Hex(token);
  const row = await findSession(db, id);
  if (!row || row.session_agency_id !== agencyId || Number(row.disabled) === 1) return undefined;
  const now = clock.now().getTime();
  if (
    now - Date.parse(row.last_seen_at) > IDLE_MS ||
    now - Date.parse(row.session_created_at) > ABSOLUTE_MS
  ) {
    await db.deleteFrom("staff_sessions").where("id", "=", id).execute();
    return undefined;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_MS) {
    await db
      .updateTable("staff_sessions")
      .set({ last_seen_at: new Date(now).toISOString() })
      .where("id", "=", id)
      .execute();
  }
  return {
    staff: staffFromRow(row),
    sessionId: id,
    csrfToken: row.csrf_token,
    totpPending: Number(row.totp_pending) === 1,
    steppedUpAt: row.stepped_up_at ? new Date(row.stepped_up_at) : undefined,
  };
}

export async function endSession(
  db: Db,
  session: StaffSession,
  ctx: { clock: Clock; ip?: string },
): Promise<void> {
  await db.deleteFrom("staff_sessions").where("id", "=", session.sessionId).execute();
  await recordAudit(db, {
    agencyId: session.staff.agencyId,
    actor: `staff:${session.staff.id}`,
    action: "staff.logout",
    subjectType: "staff",
    subjectId: session.staff.id,
    data: {},
    ip: ctx.ip,
    at: ctx.clock.now().toISOString(),
  });
}
