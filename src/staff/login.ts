import type { Agency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";
import { type StaffSession, startSession } from "./sessions.js";
import { findStaffRowByEmail } from "./staff.repo.js";
import { isValidTotp } from "./totp.js";

/** Five wrong passwords lock the account for fifteen minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

interface LoginContext {
  clock: Clock;
  ip?: string;
  userAgent?: string;
}

async function recordFailure(
  handle: DatabaseHandle,
  agencyId: string,
  staffId: string,
  failed: number,
  ctx: LoginContext,
) {
  const now = ctx.clock.now();
  const locks = failed + 1 >= MAX_FAILED_LOGINS;
  const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
  await handle.db
    .updateTable("staff")
    .set({ failed_logins: locks ? 0 : failed + 1, ...(locks ? { locked_until: lockedUntil } : {}) })
    .where("id", "=", staffId)
    .execute();
  await recordAudit(handle.db, {
    agencyId,
    actor: `staff:${staffId}`,
    action: locks ? "staff.lock" : "staff.login-failed",
    subjectType: "staff",
    subjectId: staffId,
    data: { failed: failed + 1 },
    ip: ctx.ip,
    at: now.toISOString(),
  });
  return lockedUntil;
}

/**
 * Checks an officer's email and password for an agency and opens a session; with a second factor
 * enrolled the session waits for the code (`totpPending`). Throws LOGIN_FAILED (the same for an
 * unknown email, so accounts cannot be discovered) or ACCOUNT_LOCKED.
 */
export async function logIn(
  handle: DatabaseHandle,
  agency: Agency,
  input: { email: string; password: string },
  ctx: LoginContext,
): Promise<{ token: string; csrfToken: string; totpPending: boolean }> {
  const row = await findStaffRowByEmail(handle.db, agency.id, input.email.trim());
  const now = ctx.clock.now();
  if (!row || Number(row.disabled) === 1) {
    await verifyPassword(DUMMY_HASH, input.password);
    throw new AppError("LOGIN_FAILED");
  }
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    throw new AppError("ACCOUNT_LOCKED", { until: row.locked_until });
  }
  if (!(await verifyPassword(row.password_hash, input.password))) {
    const lockedUntil = await recordFailure(handle, agency.id, row.id, Number(row.failed_logins), ctx);
    throw lockedUntil ? new AppError("ACCOUNT_LOCKED", { until: lockedUntil }) : new AppError("LOGIN_FAILED");
  }
  await handle.db
    .updateTable("staff")
    .set({ failed_logins: 0, locked_until: null })
    .where("id", "=", row.id)
    .execute();
  const totpPending = Number(row.totp_enabled) === 1;
  const session = await startSession(
    handle.db,
    { id: row.id, agencyId: agency.id },
    { at: now, ip: ctx.ip, userAgent: ctx.userAgent, totpPending },
  );
  await recordAudit(handle.db, {
    agencyId: agency.id,
    actor: `staff:${row.id}`,
    action: totpPending ? "staff.login-password" : "staff.login",
    subjectType: "staff",
    subjectId: row.id,
    data: {},
    ip: ctx.ip,
    at: now.toISOString(),
  });
  return { ...session, totpPending };
}

/** Completes a login waiting for its second factor. Throws TOTP_INVALID (counted towards the lockout). */
export async function completeTotpLogin(
  handle: DatabaseHandle,
  session: StaffSession,
  code: string,
  ctx: LoginContext,
) {
  const row = await handle.db
    .selectFrom("staff")
    .selectAll()
    .where("id", "=", session.staff.id)
    .executeTakeFirstOrThrow();
  if (!row.totp_secret || !isValidTotp(row.totp_secret, code.trim(), ctx.clock.now())) {
    const lockedUntil = await recordFailure(handle, row.agency_id, row.id, Number(row.failed_logins), ctx);
    if (lockedUntil)
      await handle.db.deleteFrom("staff_sessions").where("id", "=", session.sessionId).execute();
    throw lockedUntil ? new AppError("ACCOUNT_LOCKED", { until: lockedUntil }) : new AppError("TOTP_INVALID");
  }
  await handle.db
    .updateTable("staff_sessions")
    .set({ totp_pending: 0 })
    .where("id", "=", session.sessionId)
    .execute();
  await recordAudit(handle.db, {
    agencyId: row.agency_id,
    actor: `staff:${row.id}`,
    action: "staff.login",
    subjectType: "staff",
    subjectId: row.id,
    data: { secondFactor: "totp" },
    ip: ctx.ip,
    at: ctx.clock.now().toISOString(),
  });
}
