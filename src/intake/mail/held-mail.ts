import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { decideWaitingMail, findMailMessage } from "./mail.repo.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { registerKeptMail } from "./register-kept-mail.js";

/**
 * CH-6: an officer releases a held message — it was not spam. It is registered with its original receipt
 * time (so its deadline may already have passed) and acknowledged like any other.
 */
export async function releaseHeldMail(
  deps: MailIntakeDeps,
  agency: Agency,
  mailMessageId: string,
  actor: string,
): Promise<{ entryId: string }> {
  const held = await findMailMessage(deps.handle.db, agency.id, mailMessageId);
  if (held?.outcome !== "held" || !held.raw_key) throw new AppError("MAIL_NOT_HELD");
  return registerKeptMail(
    deps,
    agency,
    { ...held, raw_key: held.raw_key },
    {
      actor,
      notWaiting: "MAIL_NOT_HELD",
      // Two officers pressing release at once: the second one's transaction is undone.
      decide: (trx, entryId, at) =>
        decideWaitingMail(trx, held.id, "held", { outcome: "released", entryId, by: actor, at }),
      audit: { action: "mail.release", data: {} },
    },
  );
}

/** CH-6: an officer confirms a held message is spam: its bytes are deleted for good; the row remains. */
export async function deleteHeldMail(
  deps: MailIntakeDeps,
  agency: Agency,
  mailMessageId: string,
  actor: string,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const rawKey = await withTransaction(deps.handle, async (trx) => {
    const held = await findMailMessage(trx, agency.id, mailMessageId);
    if (held?.outcome !== "held") throw new AppError("MAIL_NOT_HELD");
    if (
      !(await decideWaitingMail(trx, mailMessageId, "held", {
        outcome: "deleted",
        forgetRaw: true,
        by: actor,
        at: now,
      }))
    ) {
      throw new AppError("MAIL_NOT_HELD");
    }
    await recordAudit(trx, {
      agencyId: agency.id,
      actor,
      action: "mail.delete",
      subjectType: "mail_message",
      subjectId: mailMessageId,
      data: {},
      at: now,
    });
    return held.raw_key;
  });
  if (rawKey) await deps.files.remove(rawKey);
}
