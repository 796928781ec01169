import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { recordBounce, recordMessageBounce } from "../../outbox/index.js";
import type { Db } from "../../platform/db/database.js";
import { entryOfThreadMessageId } from "../../register/index.js";
import type { MailKind } from "./classify-mail.js";
import { insertMailMessage, type NewMailMessage } from "./mail.repo.js";
import type { IncomingMail } from "./parse-mail.js";

/** The Message-IDs quoted in a delivery report's body: the message it reports on. */
function reportedMessageIds(raw: Buffer): string[] {
  const text = raw.toString("latin1");
  const body = text.slice(Math.max(0, text.search(/\r?\n\r?\n/)));
  return [
    ...body.matchAll(/^(?:message-id|original-message-id|x-original-message-id)\s*:\s*(<[^>\s]+>)/gim),
  ].map((m) => m[1]!);
}

/** The outbox kind named by a Message-ID Borikan wrote (`<ack.…>` is an acknowledgement). */
const outboxKindOf = (messageId: string) => {
  const kind = /^<?([a-z-]+)\./i.exec(messageId)?.[1] ?? "acknowledgement";
  return kind === "ack" ? "acknowledgement" : kind;
};

/**
 * Records a message that is not a request — held as suspected spam (CH-6), a bounce (CH-12) or an
 * automatic reply — with the entry it is about, inside the caller's transaction.
 */
export async function recordAutomaticMail(
  trx: Db,
  input: {
    agency: Agency;
    secret: string;
    kind: Exclude<MailKind, { kind: "request" }>;
    mail: IncomingMail;
    raw: Buffer;
    row: NewMailMessage;
  },
): Promise<{ reason: string | undefined }> {
  const { agency, kind, mail, row } = input;
  const at = row.created_at;
  let related: string | undefined;
  // The held reason, or the sign an automatic reply was known by (automatic-mail.ts); a bounce's is
  // the Message-ID it reports on.
  let reason: string | undefined =
    kind.kind === "held" ? kind.reason : kind.kind === "auto-reply" ? kind.sign : undefined;
  if (kind.kind === "bounce") {
    const ids = reportedMessageIds(input.raw);
    const ours = ids.map((id) => ({ id, entryId: entryOfThreadMessageId(input.secret, id) }));
    const match = ours.find((o) => o.entryId);
    reason = match?.id ?? ids[0];
    if (match?.entryId) {
      const kindOfOurs = outboxKindOf(match.id);
      const bounced = { agencyId: agency.id, entryId: match.entryId, kind: kindOfOurs, at };
      if (await recordBounce(trx, { ...bounced, reason: "delivery report received" })) {
        related = match.entryId;
        await recordAudit(trx, {
          agencyId: agency.id,
          actor: "system:mail",
          action: "outbox.bounce",
          subjectType: "entry",
          subjectId: match.entryId,
          data: { messageId: match.id, kind: kindOfOurs },
          at,
        });
      } else {
        // A message about no entry (a licence's mail, DL-4) carries its own id where an entry's would be.
        const outboxId = await recordMessageBounce(trx, {
          agencyId: agency.id,
          kind: kindOfOurs,
          messageId: match.id,
          reason: "delivery report received",
          at,
        });
        if (outboxId)
          await recordAudit(trx, {
            agencyId: agency.id,
            actor: "system:mail",
            action: "outbox.bounce",
            subjectType: "outbox",
            subjectId: outboxId,
            data: { messageId: match.id, kind: kindOfOurs },
            at,
          });
      }
    }
  }
  if (kind.kind === "auto-reply") {
    for (const id of [mail.inReplyTo, ...mail.references]) {
      related ??= (id && entryOfThreadMessageId(input.secret, id)) || undefined;
    }
  }
  await insertMailMessage(trx, {
    ...row,
    outcome: kind.kind,
    reason: reason ?? null,
    related_entry_id: related ?? null,
  });
  await recordAudit(trx, {
    agencyId: agency.id,
    actor: "system:mail",
    action: `mail.${kind.kind}`,
    subjectType: "mail_message",
    subjectId: row.id,
    // #13: the sender's address is sealed in mail_messages; the audit row names the message by id only.
    data: { internalDate: row.internal_date, reason, related },
    at,
  });
  return { reason };
}
