import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { type ListedMessage, listedMessages, selectListedMessages } from "./message-states.js";
import { auditSubjectOf } from "./queued-mail.js";

export interface OutboxProblem extends ListedMessage {
  at: Date;
  detail: string | null;
}

/** Messages a crash left uncertain (CH-4), and delivery reports of sent ones (CH-12), newest first. */
export async function listOutboxProblems(
  db: Db,
  agencyId: string,
  problem: "uncertain" | "bounced",
  limit = 50,
): Promise<OutboxProblem[]> {
  let query = selectListedMessages(db, agencyId).select([
    "outbox.send_started_at",
    "outbox.bounced_at",
    "outbox.bounce_reason",
  ]);
  query =
    problem === "uncertain"
      ? query.where("outbox.status", "=", "uncertain").orderBy("outbox.send_started_at", "desc")
      : query.where("outbox.bounced_at", "is not", null).orderBy("outbox.bounced_at", "desc");
  const rows = await query.limit(limit).execute();
  return (await listedMessages(db, rows)).map(({ row, ...m }) => ({
    ...m,
    at: new Date((problem === "uncertain" ? row.send_started_at : row.bounced_at) ?? 0),
    detail: problem === "bounced" ? row.bounce_reason : null,
  }));
}

/**
 * CH-4: an officer settles an uncertain message after looking (the Sent folder, a call to the sender):
 * `sent` records it as gone out, `resend` queues it once more.
 */
export async function settleUncertain(
  handle: DatabaseHandle,
  agencyId: string,
  outboxId: string,
  decision: "sent" | "resend",
  ctx: { clock: Clock; staffId: string; roles: readonly Role[]; ip?: string },
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const row = await trx
      .selectFrom("outbox")
      .selectAll()
      .where("id", "=", outboxId)
      .where("agency_id", "=", agencyId)
      .executeTakeFirst();
    if (row?.status !== "uncertain") throw new AppError("OUTBOX_NOT_UNCERTAIN");
    await trx
      .updateTable("outbox")
      .set(
        decision === "sent"
          ? { status: "sent", sent_at: row.send_started_at ?? at }
          : { status: "pending", send_started_at: null, next_attempt_at: at },
      )
      .where("id", "=", outboxId)
      .execute();
    if (decision === "sent" && row.kind === "acknowledgement" && row.entry_id !== null) {
      await recordAction(trx, {
        subject: { entryId: row.entry_id },
        action: "acknowledge",
        payload: { via: row.channel, at: new Date(row.send_started_at ?? at), detail: { outboxId } },
        actor: { kind: "staff", staffId: ctx.staffId, roles: ctx.roles },
        at: new Date(at),
        ip: ctx.ip,
      });
    }
    await recordAudit(trx, {
      agencyId,
      actor: `staff:${ctx.staffId}`,
      action: `outbox.${decision === "sent" ? "settle-sent" : "resend"}`,
      ...auditSubjectOf(row),
      // #13: the recipient is sealed in the outbox; the audit row names the message by id only.
      data: { outboxId, kind: row.kind },
      ip: ctx.ip,
      at,
    });
  });
}
