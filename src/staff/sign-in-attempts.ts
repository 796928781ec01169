import { sql } from "kysely";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isPostgres, withTransaction } from "../platform/db/database.js";
import { AppError, type ErrorCode } from "../platform/errors.js";

/** SC-1: five wrong guesses (passwords, or second-factor codes) lock the account for fifteen minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/** What is being guessed: each has its own counter, so a right password does not reset the codes'. */
export type Factor = "password" | "totp";

const COUNTER = { password: "failed_logins", totp: "failed_totp" } as const;

export interface Attempt {
  /** 1 for the first guess since the last success, up to MAX_FAILED_LOGINS. */
  number: number;
  /** Set when this is the last guess allowed: a wrong answer leaves the account locked until then. */
  lockedUntil: string | null;
}

/**
 * SC-1: reserves one guess of `factor` for an officer BEFORE it is checked, under a row lock (FOR UPDATE
 * on PostgreSQL, BEGIN IMMEDIATE on SQLite), so that guesses sent at the same time are counted one by
 * one and at most MAX_FAILED_LOGINS of them are ever checked. The last one allowed locks the account
 * before it is checked: guesses arriving meanwhile are refused, and a crash leaves a lock that runs
 * out rather than a counter stuck at the limit. A right answer then calls `clearAttempts`.
 * Throws ACCOUNT_LOCKED (the guess is not to be checked).
 */
export async function reserveAttempt(
  handle: DatabaseHandle,
  staffId: string,
  factor: Factor,
  now: Date,
): Promise<Attempt> {
  const result = await withTransaction(handle, async (trx) => {
    const query = trx
      .selectFrom("staff")
      .select(["failed_logins", "failed_totp", "locked_until"])
      .where("id", "=", staffId);
    const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirstOrThrow();
    if (row.locked_until && Date.parse(row.locked_until) > now.getTime())
      return { refused: true as const, until: row.locked_until };
    // A lock that has run out gives both counters a fresh start.
    const counts =
      row.locked_until === null
        ? { password: Number(row.failed_logins), totp: Number(row.failed_totp) }
        : { password: 0, totp: 0 };
    counts[factor] += 1;
    const number = counts[factor];
    const lockedUntil =
      number >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    await trx
      .updateTable("staff")
      .set({ failed_logins: counts.password, failed_totp: counts.totp, locked_until: lockedUntil })
      .where("id", "=", staffId)
      .execute();
    return number > MAX_FAILED_LOGINS
      ? { refused: true as const, until: lockedUntil! }
      : { refused: false as const, number, lockedUntil };
  });
  if (result.refused) throw new AppError("ACCOUNT_LOCKED", { until: result.until });
  return { number: result.number, lockedUntil: result.lockedUntil };
}

/**
 * A right answer: the factor's counter starts again, and the lock its last guess set is lifted unless
 * the other factor's guesses have run out too.
 */
export async function clearAttempts(handle: DatabaseHandle, staffId: string, factor: Factor) {
  const other = COUNTER[factor === "password" ? "totp" : "password"];
  await handle.db
    .updateTable("staff")
    .set({
      ...(factor === "password" ? { failed_logins: 0 } : { failed_totp: 0 }),
      locked_until: sql`case when ${sql.ref(other)} < ${MAX_FAILED_LOGINS} then null else locked_until end`,
    })
    .where("id", "=", staffId)
    .execute();
}

/**
 * Checks one guess of `factor` (a password, a second-factor code) for an officer as a reserved attempt:
 * `check` runs only when the attempt was admitted. A wrong guess is audited (`staff.login-failed`,
 * `staff.totp-failed`, or `staff.lock` when it was the last allowed) and throws `wrong`, or
 * ACCOUNT_LOCKED when it used up the last guess; a right one clears the counter. Throws ACCOUNT_LOCKED
 * also when the guess was not admitted.
 */
export async function checkGuess(
  handle: DatabaseHandle,
  staff: { id: string; agencyId: string },
  factor: Factor,
  check: () => Promise<boolean> | boolean,
  ctx: { clock: Clock; actor?: string; ip?: string; wrong: ErrorCode },
): Promise<void> {
  const attempt = await reserveAttempt(handle, staff.id, factor, ctx.clock.now());
  if (await check()) {
    await clearAttempts(handle, staff.id, factor);
    return;
  }
  await recordAudit(handle.db, {
    agencyId: staff.agencyId,
    actor: ctx.actor ?? `staff:${staff.id}`,
    action: attempt.lockedUntil
      ? "staff.lock"
      : factor === "password"
        ? "staff.login-failed"
        : "staff.totp-failed",
    subjectType: "staff",
    subjectId: staff.id,
    data: { factor, attempt: attempt.number },
    ip: ctx.ip,
    at: ctx.clock.now().toISOString(),
  });
  throw attempt.lockedUntil
    ? new AppError("ACCOUNT_LOCKED", { until: attempt.lockedUntil })
    : new AppError(ctx.wrong);
}
