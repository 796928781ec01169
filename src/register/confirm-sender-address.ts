import type { Agency } from "../agencies/index.js";
import { enqueueMessage } from "../outbox/enqueue-message.js";
import { normalEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import { changeEntry, type OfficerContext } from "./officer-actions.js";

/**
 * #10, CH-4: an officer confirms the address of a mail entry whose acknowledgement was withheld (its
 * From did not read one way only, it named no valid address, or a rule on automatic mail was unsure),
 * and its acknowledgement is queued to that address through the outbox, in the same transaction as the
 * change and its audit row. Only a valid address is taken (EMAIL_INVALID otherwise, never guessed);
 * ACK_NOT_WITHHELD when nothing waits (already confirmed, acknowledged, or not a withheld mail entry).
 * For the workflow's action table: entry action `confirm-sender-address`, status unchanged.
 */
export async function confirmSenderAddress(
  handle: Parameters<typeof changeEntry>[0],
  agency: Pick<Agency, "id">,
  entryId: string,
  input: { address: string },
  ctx: OfficerContext,
): Promise<{ address: string }> {
  const address = normalEmailAddress(input.address);
  if (!address) throw new AppError("EMAIL_INVALID", {}, { field: "address" });
  await changeEntry(handle, agency.id, entryId, "entry.confirm-sender-address", ctx, async (trx, entry) => {
    if (entry.channel !== "email" || !entry.ackWithheld || entry.acknowledgedAt) {
      throw new AppError("ACK_NOT_WITHHELD");
    }
    const at = ctx.clock.now().toISOString();
    // Compare-and-set: of two officers confirming at once, one queues the acknowledgement.
    const updated = await trx
      .updateTable("entries")
      .set({ reply_to: address, sender_email: entry.senderEmail ?? address, ack_withheld: null })
      .where("id", "=", entryId)
      .where("ack_withheld", "=", entry.ackWithheld)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("ACK_NOT_WITHHELD");
    await enqueueMessage(
      trx,
      { agencyId: agency.id, entryId, kind: "acknowledgement", channel: "email", recipient: address },
      at,
    );
    return {
      address,
      withheld: entry.ackWithheld,
      senderRaw: entry.senderRaw ?? null,
      before: { senderEmail: entry.senderEmail, replyTo: entry.replyTo },
    };
  });
  return { address };
}
