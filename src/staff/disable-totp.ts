import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkCurrentPassword } from "./change-password.js";
import { checkGuess } from "./sign-in-attempts.js";
import type { Staff } from "./staff.repo.js";
import { findStaffRow } from "./staff.repo.js";
import type { ActorContext } from "./staff-accounts.js";
import { isValidTotp } from "./totp.js";

/**
 * WS-3: an officer turns off their second factor, which takes the password and a current code (a
 * session left open is not enough); both are counted guesses (SC-1). The secret is forgotten and the
 * act audited. Throws TOTP_NOT_ENABLED, PASSWORD_WRONG, TOTP_INVALID, ACCOUNT_LOCKED.
 */
export async function disableTotp(
  handle: DatabaseHandle,
  staff: Staff,
  input: { password: string; code: string },
  ctx: ActorContext,
): Promise<void> {
  const row = await findStaffRow(handle.db, staff.agencyId, staff.id);
  if (!row?.totp_secret || Number(row.totp_enabled) !== 1) throw new AppError("TOTP_NOT_ENABLED");
  const secret = row.totp_secret;
  await checkCurrentPassword(handle, staff, input.password, ctx);
  const code = input.code.trim();
  await checkGuess(handle, staff, "totp", () => isValidTotp(secret, code, ctx.clock.now()), {
    ...ctx,
    wrong: "TOTP_INVALID",
  });
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    await trx
      .updateTable("staff")
      .set({ totp_enabled: 0, totp_secret: null, failed_totp: 0, updated_at: at })
      .where("id", "=", staff.id)
      .execute();
    await recordAudit(trx, {
      agencyId: staff.agencyId,
      actor: ctx.actor,
      action: "staff.disable-totp",
      subjectType: "staff",
      subjectId: staff.id,
      data: {},
      ip: ctx.ip,
      at,
    });
  });
}
