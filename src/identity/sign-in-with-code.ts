import { recordAudit } from "../audit/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findOrCreateAccount, insertSignIn } from "./citizen-accounts.repo.js";
import { endCitizenSession, startCitizenSession } from "./citizen-sessions.js";
import { checkSignInCode, markCodeUsed } from "./sign-in-codes.js";
import { ADDRESS_LIMIT, allowCitizenAttempt } from "./sign-in-limits.js";

/**
 * ID-4, WS-3: signs a citizen in by a right code: the account of the verified address or number (made
 * on the first sign-in), a sign-in row (email-code / sms-code, AAL1, no ial asserted) and a NEW session
 * (never the one the browser had: no session fixation; `previousSessionId` is ended). Audited by ids.
 * A wrong guess is audited too. Throws TOO_MANY_ATTEMPTS, SIGN_IN_CODE_EXPIRED, SIGN_IN_CODE_LOCKED,
 * SIGN_IN_CODE_INVALID, ACCOUNT_CLOSED.
 */
export async function signInWithCode(
  handle: DatabaseHandle,
  sealer: Sealer,
  input: { agencyId: string; codeId: string; code: string; ip: string; previousSessionId?: string },
  now: Date,
): Promise<{ token: string; csrfToken: string; accountId: string }> {
  if (!(await allowCitizenAttempt(handle.db, `ip:${input.ip}`, now, ADDRESS_LIMIT)))
    throw new AppError("TOO_MANY_ATTEMPTS");
  const at = now.toISOString();
  let checked: Awaited<ReturnType<typeof checkSignInCode>>;
  try {
    checked = await checkSignInCode(handle.db, sealer, input, now);
  } catch (error) {
    if (error instanceof AppError && error.code !== "SIGN_IN_CODE_EXPIRED")
      await recordAudit(handle.db, {
        agencyId: input.agencyId,
        actor: "citizen:anonymous",
        action: "citizen.code-failed",
        subjectType: "sign_in_code",
        subjectId: input.codeId.slice(0, 100),
        data: { code: error.code },
        ip: input.ip,
        at,
      });
    throw error;
  }
  return withTransaction(handle, async (trx) => {
    if (!(await markCodeUsed(trx, checked.id, at))) throw new AppError("SIGN_IN_CODE_EXPIRED");
    const email = checked.channel === "email";
    const account = await findOrCreateAccount(
      trx,
      input.agencyId,
      email ? "email_hmac" : "phone_hmac",
      checked.destinationHmac,
      email ? { email: checked.destination } : { phone: checked.destination },
      at,
    );
    if (account.closedAt !== null) throw new AppError("ACCOUNT_CLOSED");
    const provider = email ? "email-code" : "sms-code";
    const signInId = await insertSignIn(trx, {
      agencyId: input.agencyId,
      accountId: account.id,
      provider,
      ial: null,
      aal: "AAL1",
      at,
    });
    if (input.previousSessionId) await endCitizenSession(trx, input.previousSessionId);
    const session = await startCitizenSession(
      trx,
      { accountId: account.id, agencyId: input.agencyId, signInId },
      now,
    );
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `citizen:${account.id}`,
      action: "citizen.sign-in",
      subjectType: "citizen_account",
      subjectId: account.id,
      data: { provider, signInId, codeId: checked.id, created: account.created },
      ip: input.ip,
      at,
    });
    return { ...session, accountId: account.id };
  });
}
