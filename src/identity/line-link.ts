import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findLineLinkToken, useLineLinkToken } from "./line-link.repo.js";

/** Why a link cannot be used now: unknown (or another agency's), expired, or used already. */
export type LineLinkState = "valid" | "unknown" | "expired" | "used";

/** What a link's page should say before anything is written. */
export async function lineLinkState(
  handle: DatabaseHandle,
  agencyId: string,
  token: string,
  now: Date,
): Promise<LineLinkState> {
  const row = await findLineLinkToken(handle.db, agencyId, token);
  if (!row) return "unknown";
  if (row.used_at) return "used";
  return row.expires_at > now.toISOString() ? "valid" : "expired";
}

/**
 * Ties the LINE user who asked for the link (in the LINE chat) to the signed-in account, so the
 * account's "my requests" shows what that user sent by LINE (PD-6). One transaction: the link is
 * marked used only if it was unused and unexpired (a replay is refused), the account gets the LINE
 * user, and the audit row names the account by id only.
 * Throws LINE_LINK_INVALID (unknown, another agency's, expired), LINE_LINK_USED (a replay),
 * LINE_USER_LINKED_ELSEWHERE (another account of the agency has this LINE user).
 */
export async function linkLineUser(
  handle: DatabaseHandle,
  input: { agencyId: string; accountId: string; token: string; ip?: string },
  now: Date,
): Promise<void> {
  const { agencyId, accountId, token } = input;
  await withTransaction(handle, async (trx) => {
    const row = await findLineLinkToken(trx, agencyId, token);
    if (!row) throw new AppError("LINE_LINK_INVALID");
    if (row.used_at) throw new AppError("LINE_LINK_USED");
    if (row.expires_at <= now.toISOString()) throw new AppError("LINE_LINK_INVALID");
    const other = await trx
      .selectFrom("citizen_accounts")
      .select("id")
      .where("agency_id", "=", agencyId)
      .where("line_user_id", "=", row.line_user_id)
      .where("id", "!=", accountId)
      .executeTakeFirst();
    if (other) throw new AppError("LINE_USER_LINKED_ELSEWHERE");
    // Checked and set in one statement: of two tabs posting the same link, one wins.
    if (!(await useLineLinkToken(trx, { agencyId, token, accountId }, now)))
      throw new AppError("LINE_LINK_USED");
    const at = now.toISOString();
    const updated = await trx
      .updateTable("citizen_accounts")
      .set({ line_user_id: row.line_user_id, line_linked_at: at })
      .where("agency_id", "=", agencyId)
      .where("id", "=", accountId)
      .where("closed_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("UNAUTHENTICATED");
    await recordAudit(trx, {
      agencyId,
      actor: `citizen:${accountId}`,
      action: "account.link-line",
      subjectType: "citizen_account",
      subjectId: accountId,
      // By id only: the LINE user's id is a personal identifier and stays out of the chain.
      data: {},
      ip: input.ip,
      at,
    });
  });
}
