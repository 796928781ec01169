import type { Agency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { DUMMY_HASH, verifyPassword } from "./password.js";
import { type StaffSession, startSession } from "./sessions.js";
import { checkGuess } from "./sign-in-attempts.js";
import { findStaffRowByEmail } from "./staff.repo.js";
import { isValidTotp } from "./totp.js";

export { LOCKOUT_MS, MAX_FAILED_LOGINS } from "./sign-in-attempts.js";

interface LoginContext {
  clock: Clock;
  ip?: string;
  userAgent?: string;
}

/**
 * Checks an officer's email and password for an agency and opens a session; with a second factor
 * enrolled the session waits for the code (`totpPending`). The password is checked only when the
 * account's counter admits the guess (SC-1). Throws LOGIN_FAILED (the same for an unknown email, so
 * accounts cannot be discovered) or ACCOUNT_LOCKED.
 */
export async function logIn(
  handle: DatabaseHandle,
  agency: Agency,
  input: { email: string; password: string },
  ctx: LoginContext,
): Promise<{ token: string; csrfToken: string; totpPending: boolean }> {
  const row = await findStaffRowByEmail(handle.db, agency.id, input.email.trim());
  if (!row || Number(row.disabled) === 1) {
    await verifyPassword(DUMMY_HASH, input.password);
    throw new AppError("LOGIN_FAILED");
  }
  const staff = { id: row.id, agencyId: agency.id };
  await checkGuess(handle, staff, "password", () => verifyPassword(row.password_hash, input.password), {
    clock: ctx.clock,
    ip: ctx.ip,
    wrong: "LOGIN_FAILED",
  });
  const now = ctx.clock.now();
  const totpPending = Number(row.totp_enabled) === 1;
  const session = await startSession(handle.db, staff, {
    at: now,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    totpPending,
  });
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

/**
 * Completes a login waiting for its second factor. Codes have their own counter, which a right password
 * does not reset (WS-3): a guesser who knows the password still gets MAX_FAILED_LOGINS codes per lockout.
 * A lock ends the waiting session. Throws TOTP_INVALID or ACCOUNT_LOCKED.
 */
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
  const endSession = () =>
    handle.db.deleteFrom("staff_sessions").where("id", "=", session.sessionId).execute();
  try {
    await checkGuess(
      handle,
      { id: row.id, agencyId: row.agency_id },
      "totp",
      () => row.totp_secret !== null && isValidTotp(row.totp_secret, code.trim(), ctx.clock.now()),
      { clock: ctx.clock, ip: ctx.ip, wrong: "TOTP_INVALID" },
    );
  } catch (error) {
    // A lock, whether this guess used up the last try or found none left, ends the waiting session.
    if (error instanceof AppError && error.code === "ACCOUNT_LOCKED") await endSession();
    throw error;
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
