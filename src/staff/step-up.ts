import type { FastifyReply, FastifyRequest } from "fastify";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkCurrentPassword } from "./change-password.js";
import type { StaffSession } from "./sessions.js";
import { checkGuess } from "./sign-in-attempts.js";
import { findStaffRow } from "./staff.repo.js";
import type { ActorContext } from "./staff-accounts.js";
import { isValidTotp } from "./totp.js";

/** WS-3: an act of approval, payment or licensing needs a password + code given at most this long ago. */
export const STEP_UP_MS = 15 * 60_000;

/** True when the session stepped up less than STEP_UP_MS before `now`. */
export const hasRecentStepUp = (session: StaffSession, now: Date): boolean =>
  session.steppedUpAt !== undefined &&
  now.getTime() - session.steppedUpAt.getTime() <= STEP_UP_MS &&
  session.steppedUpAt.getTime() <= now.getTime();

/**
 * WS-3: the officer gives their password and a current second-factor code again on this session; both are
 * counted guesses (SC-1), as at sign-in. The session is marked stepped up and the act audited. Throws
 * TOTP_NOT_ENABLED (enrol first), PASSWORD_WRONG, TOTP_INVALID, ACCOUNT_LOCKED.
 */
export async function stepUp(
  handle: DatabaseHandle,
  session: StaffSession,
  input: { password: string; code: string },
  ctx: ActorContext,
): Promise<void> {
  const { staff } = session;
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
  await handle.db
    .updateTable("staff_sessions")
    .set({ stepped_up_at: at })
    .where("id", "=", session.sessionId)
    .execute();
  await recordAudit(handle.db, {
    agencyId: staff.agencyId,
    actor: ctx.actor,
    action: "staff.step-up",
    subjectType: "staff",
    subjectId: staff.id,
    data: {},
    ip: ctx.ip,
    at,
  });
}

/**
 * WS-3: the preHandler for an act of approval, payment or licensing, placed after the staff guard. A
 * session without a step-up in the last 15 minutes is refused: a browser is sent to `/office/step-up`
 * (303) and from there back to `returnTo` (the page it came from: the form's data is not replayed); an API
 * client gets 401 STEP_UP_REQUIRED.
 */
export function requireRecentAuth(clock: Clock, returnTo?: (req: FastifyRequest) => string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = req.staffSession;
    if (!session) throw new AppError("UNAUTHENTICATED");
    if (hasRecentStepUp(session, clock.now())) return;
    if ((req.headers.accept ?? "").includes("text/html")) {
      const back = returnTo?.(req) ?? `${req.basePath}/office/register`;
      return reply.redirect(`${req.basePath}/office/step-up?return=${encodeURIComponent(back)}`, 303);
    }
    throw new AppError("STEP_UP_REQUIRED");
  };
}
