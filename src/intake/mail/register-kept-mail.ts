import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { type Db, withTransaction } from "../../platform/db/database.js";
import { AppError, type ErrorCode } from "../../platform/errors.js";
import type { findMailMessage } from "./mail.repo.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { prepareRequest, registerPrepared } from "./mail-request.js";
import { parseMail } from "./parse-mail.js";
import { kindOfMail } from "./receive-mail.js";

type KeptMail = NonNullable<Awaited<ReturnType<typeof findMailMessage>>>;

/**
 * An officer registers a mail that was kept without an entry (held as spam, CH-6; a possible duplicate,
 * RG-4): it is registered with its original receipt time (its deadline may already have passed) and
 * acknowledged by the usual rules. `decide` marks the mail row in the same transaction and returns false
 * when another officer decided first: that transaction is undone and `notWaiting` is thrown.
 */
export async function registerKeptMail(
  deps: MailIntakeDeps,
  agency: Agency,
  kept: KeptMail & { raw_key: string },
  how: {
    actor: string;
    notWaiting: ErrorCode;
    decide: (trx: Db, entryId: string, at: string) => Promise<boolean>;
    audit: { action: string; data: Record<string, unknown> };
  },
): Promise<{ entryId: string }> {
  const raw = await deps.files.read(kept.raw_key);
  const mail = await parseMail(raw);
  // The officer has decided it is a request: only whether to acknowledge it is still asked.
  const kind = kindOfMail(mail, agency, "inbox", null, raw);
  const noAck = kind.kind === "request" ? kind.noAckReason : "auto-generated";
  const prepared = await prepareRequest(deps, agency, mail, new Date(kept.internal_date), noAck);
  return withTransaction(deps.handle, async (trx) => {
    const { entryId } = await registerPrepared(trx, deps, agency, prepared, how.actor);
    const now = deps.clock.now().toISOString();
    if (!(await how.decide(trx, entryId, now))) throw new AppError(how.notWaiting);
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: how.actor,
      action: how.audit.action,
      subjectType: "mail_message",
      subjectId: kept.id,
      data: { entryId, ...how.audit.data, internalDate: kept.internal_date },
      at: now,
    });
    return { entryId };
  });
}
