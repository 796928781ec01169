import type { Agency } from "../agencies/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { normalEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { acting, type OfficerContext } from "./officer-actions.js";
import type { QueueMessage } from "./queue-message.js";
import { recordAction } from "./record-action.js";

/**
 * #10, CH-4: an officer confirms the address of a mail entry whose acknowledgement was withheld (its
 * From did not read one way only, it named no valid address, or a rule on automatic mail was unsure),
 * and its acknowledgement is queued to that address through the outbox, in the same transaction as the
 * change and its audit row. Only a valid address is taken (EMAIL_INVALID otherwise, never guessed);
 * ACK_NOT_WITHHELD when nothing waits (already confirmed, acknowledged, or not a withheld mail entry).
 */
export async function confirmSenderAddress(
  handle: DatabaseHandle,
  agency: Pick<Agency, "id">,
  entryId: string,
  input: { address: string },
  ctx: OfficerContext,
  queue: QueueMessage,
): Promise<{ address: string }> {
  const address = normalEmailAddress(input.address);
  if (!address) throw new AppError("EMAIL_INVALID", {}, { field: "address" });
  await withTransaction(handle, async (trx) => {
    await recordAction(trx, {
      ...acting(agency.id, entryId, ctx),
      action: "confirm-sender-address",
      payload: { address },
    });
    await queue(
      trx,
      { agencyId: agency.id, entryId, kind: "acknowledgement", channel: "email", recipient: address },
      ctx.clock.now().toISOString(),
    );
  });
  return { address };
}
