import { recordAudit } from "../audit/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findAccountBy, findOrCreateAccount, insertSignIn, updateAccount } from "./citizen-accounts.repo.js";
import { endCitizenSession, startCitizenSession } from "./citizen-sessions.js";
import { insertProof } from "./proofs.repo.js";
import type { ThaidClient } from "./thaid-client.js";
import { claimOidcRequest, exchangeThaidCode } from "./thaid-sign-in.js";

export interface ThaidCallbackInput {
  agencyId: string;
  /** The callback's query: `code` and `state`, or `error`. */
  query: URLSearchParams;
  /** The session the browser has now, if any (a step-up attaches the identity to its account). */
  current?: { sessionId: string; accountId: string };
  ip: string;
}

/**
 * ID-4, ID-2: completes a ThaiD sign-in. The request of `state` is used once; the code is exchanged
 * and the ID token verified; then, in one transaction: the account holding this pid (or, on a step-up
 * from a code sign-in, the signed-in account, which gets the pid), a sign-in (thaid, the `ial` as
 * sent, AAL2), a proven `thaid` identity proof at the assurance the `ial` reads as, valid
 * `proofValidityDays` (reused by later applications: findReusableProof), a NEW session, and an audit
 * row by ids only (never the pid or name). Throws what claimOidcRequest and exchangeThaidCode throw,
 * THAID_PID_TAKEN (a step-up whose pid another account holds), ACCOUNT_CLOSED.
 */
export async function signInWithThaid(
  handle: DatabaseHandle,
  sealer: Sealer,
  client: ThaidClient,
  input: ThaidCallbackInput,
  now: Date,
): Promise<{ token: string; csrfToken: string; accountId: string; returnPath: string; proofId: string }> {
  const request = await claimOidcRequest(handle.db, input.agencyId, input.query.get("state") ?? "", now);
  const person = await exchangeThaidCode(client, sealer, request, input.query);
  const at = now.toISOString();
  const stepUp =
    request.accountId !== null && input.current?.accountId === request.accountId
      ? request.accountId
      : undefined;
  return withTransaction(handle, async (trx) => {
    const holder = await findAccountBy(trx, input.agencyId, "national_id_hmac", person.pidHmac);
    let accountId: string;
    if (stepUp) {
      if (holder && holder.id !== stepUp) throw new AppError("THAID_PID_TAKEN");
      accountId = stepUp;
      await updateAccount(trx, accountId, {
        national_id: person.pid,
        national_id_hmac: person.pidHmac,
        ...(person.name && { display_name: person.name }),
      });
    } else {
      const account = await findOrCreateAccount(
        trx,
        input.agencyId,
        "national_id_hmac",
        person.pidHmac,
        { national_id: person.pid, display_name: person.name },
        at,
      );
      if (account.closedAt !== null) throw new AppError("ACCOUNT_CLOSED");
      accountId = account.id;
    }
    const signInId = await insertSignIn(trx, {
      agencyId: input.agencyId,
      accountId,
      provider: "thaid",
      ial: person.ial,
      aal: "AAL2",
      at,
    });
    const proofId = await insertProof(trx, {
      agencyId: input.agencyId,
      accountId,
      nationalIdHmac: person.pidHmac,
      method: "thaid",
      assurance: person.assurance,
      status: "proven",
      // By reference only: the pid itself is on the account, sealed.
      evidence: { provider: "thaid", ial: person.ial, signInId },
      at,
      decidedBy: "system",
      expiresAt: new Date(now.getTime() + client.settings.proofValidityDays * 86_400_000).toISOString(),
    });
    if (input.current) await endCitizenSession(trx, input.current.sessionId);
    const session = await startCitizenSession(trx, { accountId, agencyId: input.agencyId, signInId }, now);
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `citizen:${accountId}`,
      action: "citizen.sign-in",
      subjectType: "citizen_account",
      subjectId: accountId,
      data: {
        provider: "thaid",
        signInId,
        proofId,
        assurance: person.assurance,
        stepUp: stepUp !== undefined,
      },
      ip: input.ip,
      at,
    });
    return { ...session, accountId, returnPath: request.returnPath, proofId };
  });
}
