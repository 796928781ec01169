import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkPasswordStrength, hashPassword, verifyPassword } from "./password.js";
import type { StaffSession } from "./sessions.js";
import { checkGuess } from "./sign-in-attempts.js";
import { findStaffRow, type Staff } from "./staff.repo.js";
import type { ActorContext } from "./staff-accounts.js";

/**
 * Checks an officer's current password as one counted guess (SC-1: a stolen session must not make
 * guessing free). Throws PASSWORD_WRONG, ACCOUNT_LOCKED.
 */
export async function checkCurrentPassword(
  handle: DatabaseHandle,
  staff: Staff,
  password: string,
  ctx: ActorContext,
): Promise<void> {
  const row = await findStaffRow(handle.db, staff.agencyId, staff.id);
  if (!row) throw new AppError("PASSWORD_WRONG");
  await checkGuess(handle, staff, "password", () => verifyPassword(row.password_hash, password), {
    ...ctx,
    wrong: "PASSWORD_WRONG",
  });
}

/**
 * An officer changes their own password; every other session of theirs ends (SC-1: whoever else held
 * one loses it), the current one stays. Throws PASSWORD_WRONG, PASSWORD_TOO_WEAK, ACCOUNT_LOCKED.
 */
export async function changePassword(
  handle: DatabaseHandle,
  session: StaffSession,
  current: string,
  next: string,
  ctx: ActorContext,
) {
  const { staff } = session;
  checkPasswordStrength(next);
  await checkCurrentPassword(handle, staff, current, ctx);
  const passwordHash = await hashPassword(next);
  await withTransaction(handle, async (trx) => {
    await trx
      .updateTable("staff")
      .set({
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: ctx.clock.now().toISOString(),
      })
      .where("id", "=", staff.id)
      .execute();
    const ended = await trx
      .deleteFrom("staff_sessions")
      .where("staff_id", "=", staff.id)
      .where("id", "!=", session.sessionId)
      .executeTakeFirst();
    await recordAudit(trx, {
      agencyId: staff.agencyId,
      actor: ctx.actor,
      action: "staff.change-password",
      subjectType: "staff",
      subjectId: staff.id,
      data: { otherSessionsEnded: Number(ended.numDeletedRows) },
      ip: ctx.ip,
      at: ctx.clock.now().toISOString(),
    });
  });
}
