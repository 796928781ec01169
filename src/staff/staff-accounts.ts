import { EMAIL_PATTERN, listUnits } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { hashPassword, temporaryPassword } from "./password.js";
import { isRole, type Role } from "./role.js";
import { findStaffRow, type Staff, staffFromRow } from "./staff.repo.js";
import { isValidTotp, newTotpSecret } from "./totp.js";

export interface ActorContext {
  clock: Clock;
  /** `staff:<id>` or `cli:<user>`. */
  actor: string;
  ip?: string;
}

const audit = (
  handle: DatabaseHandle,
  agencyId: string,
  action: string,
  staffId: string,
  data: unknown,
  ctx: ActorContext,
) =>
  recordAudit(handle.db, {
    agencyId,
    actor: ctx.actor,
    action,
    subjectType: "staff",
    subjectId: staffId,
    data,
    ip: ctx.ip,
    at: ctx.clock.now().toISOString(),
  });

/** #9: an officer works only in units of their own agency. Throws UNIT_NOT_IN_AGENCY. */
async function checkUnits(handle: DatabaseHandle, agencyId: string, unitIds: string[]): Promise<string[]> {
  const unique = [...new Set(unitIds)];
  const own = new Set((await listUnits(handle.db, agencyId)).map((u) => u.id));
  const foreign = unique.filter((id) => !own.has(id));
  if (foreign.length > 0) throw new AppError("UNIT_NOT_IN_AGENCY", { units: foreign.join(", ") });
  return unique;
}

/**
 * Creates an officer with a temporary password to hand over (changed at first login).
 * Throws EMAIL_INVALID, ROLE_INVALID, UNIT_NOT_IN_AGENCY, STAFF_EXISTS.
 */
export async function createStaff(
  handle: DatabaseHandle,
  agencyId: string,
  input: { email: string; displayName: string; roles: string[]; unitIds?: string[] },
  ctx: ActorContext,
): Promise<{ staff: Staff; temporaryPassword: string }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email)) throw new AppError("EMAIL_INVALID");
  if (input.roles.length === 0 || !input.roles.every(isRole)) throw new AppError("ROLE_INVALID");
  const displayName = input.displayName.trim();
  if (!displayName)
    throw new AppError("VALIDATION_FAILED", { detail: "displayName" }, { field: "displayName" });
  const unitIds = await checkUnits(handle, agencyId, input.unitIds ?? []);
  const password = temporaryPassword();
  const now = ctx.clock.now().toISOString();
  const id = newId();
  try {
    await withTransaction(handle, async (trx) => {
      await trx
        .insertInto("staff")
        .values({
          id,
          agency_id: agencyId,
          email,
          display_name: displayName,
          password_hash: await hashPassword(password),
          must_change_password: 1,
          roles: JSON.stringify(input.roles as Role[]),
          unit_ids: JSON.stringify(unitIds),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, {
        agencyId,
        actor: ctx.actor,
        action: "staff.create",
        subjectType: "staff",
        subjectId: id,
        // #13: the officer by id (the subject), never a copied address.
        data: { roles: input.roles, units: unitIds },
        ip: ctx.ip,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("STAFF_EXISTS");
    throw error;
  }
  const row = await findStaffRow(handle.db, agencyId, id);
  return { staff: staffFromRow(row!), temporaryPassword: password };
}

/** An admin resets an officer's password: a new temporary one, the lockout lifted, sessions ended. */
export async function resetPassword(
  handle: DatabaseHandle,
  agencyId: string,
  staffId: string,
  ctx: ActorContext,
): Promise<string> {
  const row = await findStaffRow(handle.db, agencyId, staffId);
  if (!row) throw new AppError("STAFF_NOT_FOUND");
  const password = temporaryPassword();
  await handle.db
    .updateTable("staff")
    .set({
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_logins: 0,
      failed_totp: 0,
      locked_until: null,
      updated_at: ctx.clock.now().toISOString(),
    })
    .where("id", "=", staffId)
    .execute();
  await handle.db.deleteFrom("staff_sessions").where("staff_id", "=", staffId).execute();
  await audit(handle, agencyId, "staff.reset-password", staffId, {}, ctx);
  return password;
}

/**
 * Starts (or restarts) second-factor enrolment: a new secret, not yet required at login. Refused while
 * a second factor is on, since a new secret would turn it off (WS-3: that needs the password and a code).
 * Throws TOTP_ALREADY_ENABLED.
 */
export async function beginTotpEnrolment(
  handle: DatabaseHandle,
  staff: Staff,
  ctx: ActorContext,
): Promise<string> {
  const row = await findStaffRow(handle.db, staff.agencyId, staff.id);
  if (Number(row?.totp_enabled) === 1) throw new AppError("TOTP_ALREADY_ENABLED");
  const secret = newTotpSecret();
  await handle.db
    .updateTable("staff")
    .set({ totp_secret: secret, totp_enabled: 0, updated_at: ctx.clock.now().toISOString() })
    .where("id", "=", staff.id)
    .where("totp_enabled", "=", 0)
    .execute();
  return secret;
}

/** Confirms enrolment with a code from the app; from then on logins ask for it. Throws TOTP_INVALID. */
export async function confirmTotpEnrolment(
  handle: DatabaseHandle,
  staff: Staff,
  code: string,
  ctx: ActorContext,
) {
  const row = await findStaffRow(handle.db, staff.agencyId, staff.id);
  if (!row?.totp_secret || !isValidTotp(row.totp_secret, code.trim(), ctx.clock.now()))
    throw new AppError("TOTP_INVALID");
  await handle.db
    .updateTable("staff")
    .set({ totp_enabled: 1, updated_at: ctx.clock.now().toISOString() })
    .where("id", "=", staff.id)
    .execute();
  await audit(handle, staff.agencyId, "staff.enable-totp", staff.id, {}, ctx);
}
