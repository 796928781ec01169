import { recordAudit } from "../../audit/index.js";
import type { Clock } from "../../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { findMailbox, markMailboxStarted } from "./mailbox.repo.js";

/**
 * The admin's choice at a first connection (see first-connection.ts): take everything in the mailbox,
 * or only mail the server accepted since `since`; older mail is then left untouched in the mailbox,
 * never moved, deleted nor registered. Made once: a second choice (another admin at the same moment)
 * is refused.
 */
export async function startMailbox(
  handle: DatabaseHandle,
  clock: Clock,
  agencyId: string,
  choice: { since: Date | null },
  actor: string,
): Promise<void> {
  const mailbox = await findMailbox(handle.db, agencyId);
  if (!mailbox) throw new AppError("NOT_FOUND");
  if (choice.since && Number.isNaN(choice.since.getTime())) throw new AppError("VALIDATION_FAILED");
  const at = clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    if (!(await markMailboxStarted(trx, agencyId, { since: choice.since, by: actor, at })))
      throw new AppError("MAILBOX_ALREADY_STARTED");
    await recordAudit(trx, {
      agencyId,
      actor,
      action: "mailbox.start",
      subjectType: "mailbox",
      subjectId: agencyId,
      data: { since: choice.since?.toISOString() ?? null, preview: mailbox.start.preview },
      at,
    });
  });
}
