import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { decideWaitingMail, findMailMessage } from "./mail.repo.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { registerKeptMail } from "./register-kept-mail.js";

/**
 * RG-4: an officer finds that a mail kept as a possible duplicate (same Message-ID and sender as an
 * earlier one, other bytes) is a request of its own. It is registered with its original receipt time,
 * and acknowledged by the usual rules, like a released held mail.
 */
export async function registerPossibleDuplicate(
  deps: MailIntakeDeps,
  agency: Agency,
  mailMessageId: string,
  actor: string,
): Promise<{ entryId: string }> {
  const waiting = await findMailMessage(deps.handle.db, agency.id, mailMessageId);
  if (waiting?.outcome !== "possible-duplicate" || !waiting.raw_key)
    throw new AppError("MAIL_NOT_POSSIBLE_DUPLICATE");
  const kept = { ...waiting, raw_key: waiting.raw_key };
  return registerKeptMail(deps, agency, kept, {
    actor,
    notWaiting: "MAIL_NOT_POSSIBLE_DUPLICATE",
    // Two officers deciding at once: the second one's transaction is undone.
    decide: (trx, entryId, at) =>
      decideWaitingMail(trx, waiting.id, "possible-duplicate", {
        outcome: "registered",
        entryId,
        by: actor,
        at,
      }),
    audit: { action: "mail.duplicate.register", data: { duplicateOf: waiting.duplicate_of } },
  });
}

/**
 * RG-4: an officer finds that a possible duplicate is the same request as the earlier mail. It is not
 * registered, but kept as received (its bytes stay in the store) and the decision is audited.
 */
export async function dismissPossibleDuplicate(
  deps: MailIntakeDeps,
  agency: Agency,
  mailMessageId: string,
  actor: string,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const waiting = await findMailMessage(trx, agency.id, mailMessageId);
    if (waiting?.outcome !== "possible-duplicate") throw new AppError("MAIL_NOT_POSSIBLE_DUPLICATE");
    if (
      !(await decideWaitingMail(trx, waiting.id, "possible-duplicate", {
        outcome: "dismissed",
        by: actor,
        at: now,
      }))
    )
      throw new AppError("MAIL_NOT_POSSIBLE_DUPLICATE");
    await recordAudit(trx, {
      agencyId: agency.id,
      actor,
      action: "mail.duplicate.dismiss",
      subjectType: "mail_message",
      subjectId: waiting.id,
      data: { duplicateOf: waiting.duplicate_of },
      at: now,
    });
  });
}
