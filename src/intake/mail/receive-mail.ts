import type { Agency } from "../../agencies/index.js";
import { recordAudit } from "../../audit/index.js";
import { loadBusinessCalendar, zonedFields } from "../../calendar/index.js";
import { enqueueMessage } from "../../outbox/index.js";
import type { Clock } from "../../platform/clock.js";
import {
  type DatabaseHandle,
  type Db,
  isUniqueViolation,
  withTransaction,
} from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { failpoint } from "../../platform/failpoint.js";
import { newId, sha256Hex } from "../../platform/ids.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import {
  entryOfThreadMessageId,
  findEntry,
  findEntryByNumber,
  type NewEntry,
  parseReceiptNumber,
  registerEntry,
} from "../../register/index.js";
import { screenFiles } from "../attachments/index.js";
import {
  classifyMail,
  type FolderRole,
  isAgencyAddress,
  type MailKind,
  type NoAckReason,
} from "./classify-mail.js";
import { findInlineForward, stripSubjectPrefixes } from "./forwarded.js";
import { findLetterReference } from "./letter-reference.js";
import type { MailOutcome } from "./mail.table.js";
import { type IncomingMail, languageOf, parseMail } from "./parse-mail.js";
import { findSignature } from "./signature.js";
import { parseWrittenDate } from "./written-date.js";

export interface MailIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  maxFileBytes: number;
}

/** A message as the IMAP server holds it. */
export interface ArrivedMail {
  raw: Buffer;
  folder: string;
  folderRole: FolderRole;
  uidValidity: string;
  uid: number;
  /** CH-3: when the agency's mail server accepted it (INTERNALDATE). */
  internalDate: Date;
}

export interface ReceiveResult {
  outcome: MailOutcome | "duplicate";
  mailMessageId: string;
  entryId?: string;
  reason?: string;
}

/** CH-4: never more than this many acknowledgements to one address in an hour (a loop's brake). */
export const ACKNOWLEDGEMENTS_PER_HOUR = 3;

/**
 * One message is one row however often it is seen. Its Message-ID identifies it only together with
 * its sender (anyone can reuse another's Message-ID); without a Message-ID, its bytes do.
 */
export function dedupeKeyOf(mail: IncomingMail, raw: Buffer): string {
  return mail.messageId
    ? `mid:${sha256Hex(`${mail.messageId.toLowerCase()}\n${mail.from?.address ?? ""}`)}`
    : `raw:${sha256Hex(raw)}`;
}

/** What a parsed mail is, for the agency's mailbox (see classify-mail.ts). */
export function kindOfMail(
  mail: IncomingMail,
  agency: Pick<Agency, "domain">,
  folderRole: FolderRole,
  trustedServer: string | null,
): MailKind {
  return classifyMail({
    headers: mail.headers,
    fromAddress: mail.from?.address,
    subject: mail.subject,
    contentType: mail.contentType,
    folderRole,
    trustedServer,
    agencyDomain: agency.domain,
  });
}

/** What an entry made of a mail needs; the acknowledgement's address and whether to send one. */
interface PreparedRequest {
  entry: Omit<NewEntry, "agencyId" | "attachments"> & { attachments: NewEntry["attachments"] };
  ackTo: string | undefined;
  noAckReason: NoAckReason | "rate-limit" | "own-address" | "no-address" | undefined;
  note: string | undefined;
}

interface Original {
  mail: Pick<IncomingMail, "from" | "replyTo" | "subject" | "text" | "attachments" | "messageId">;
  at: Date | undefined;
  zoneAssumed: boolean;
}

/**
 * CH-9: a mail from an officer of the agency that carries a forwarded message — attached, or inline as
 * the common clients write it — stands for that original message.
 */
async function forwardedOriginal(mail: IncomingMail, agency: Agency): Promise<Original | undefined> {
  const from = mail.from?.address;
  if (!from || !isAgencyAddress(from, agency.domain) || from === agency.centralEmail.toLowerCase()) {
    return undefined;
  }
  const attached = mail.attachments.find((a) => a.contentType === "message/rfc822");
  if (attached) {
    const inner = await parseMail(attached.content);
    if (inner.from) return { mail: inner, at: inner.date, zoneAssumed: false };
  }
  const inline = findInlineForward(mail.text);
  if (!inline) return undefined;
  const offset = zonedFields(mail.date ?? new Date(), agency.timeZone).offsetMinutes;
  const written = inline.date ? parseWrittenDate(inline.date, offset) : undefined;
  return {
    mail: {
      from: { name: inline.fromName, address: inline.fromAddress },
      replyTo: undefined,
      subject: stripSubjectPrefixes(inline.subject || mail.subject),
      text: inline.body,
      attachments: mail.attachments,
      messageId: undefined,
    },
    at: written?.at,
    zoneAssumed: written?.zoneAssumed ?? false,
  };
}

/**
 * Replies join their matter only on proof: the thread token of a message Borikan sent about it, or its
 * receipt number in the subject from the same sender. Anything else opens a new matter.
 */
async function matterOfReply(
  db: Db,
  agencyId: string,
  secret: string,
  mail: IncomingMail,
  sender: string | undefined,
): Promise<{ matterId?: string; note?: string }> {
  for (const id of [mail.inReplyTo, ...mail.references.slice().reverse()]) {
    const entryId = id && entryOfThreadMessageId(secret, id);
    const entry = entryId ? await findEntry(db, entryId) : undefined;
    if (entry && entry.agencyId === agencyId) return { matterId: entry.matterId };
  }
  const written = /(\d{1,9}\/25\d\d)/.exec(mail.subject)?.[1];
  const number = written && parseReceiptNumber(written);
  if (!number) return {};
  const entry = await findEntryByNumber(db, agencyId, number.beYear, number.sequence);
  if (entry && sender && entry.senderEmail?.toLowerCase() === sender) return { matterId: entry.matterId };
  return { note: `receipt number ${written} in the subject, other sender: new matter` };
}

async function prepareRequest(
  deps: MailIntakeDeps,
  agency: Agency,
  mail: IncomingMail,
  internalDate: Date,
  noAckReason: NoAckReason | undefined,
): Promise<PreparedRequest> {
  const original = await forwardedOriginal(mail, agency);
  const source = original?.mail ?? mail;
  const files = source.attachments.map((a) => ({
    filename: a.filename,
    bytes: a.content,
    size: a.content.byteLength,
  }));
  const attachments = await screenFiles(deps.files, files, deps.maxFileBytes, () =>
    failpoint("mail.mid-attachment"),
  );
  const sender = source.from;
  const ackTo = source.replyTo ?? sender?.address;
  const thread = original
    ? {}
    : await matterOfReply(deps.handle.db, agency.id, deps.secret, mail, sender?.address);
  const text = source.text;
  const letter = findLetterReference(text);
  return {
    entry: {
      channel: "email",
      senderName: sender?.name || sender?.address || "(unknown sender)",
      senderEmail: sender?.address ?? null,
      replyTo: ackTo ?? null,
      addressee: mail.to.join(", ") || agency.centralEmail,
      subject: source.subject || "(no subject)",
      body: text,
      language: languageOf(`${text}`),
      // FM-6: the sender's name written in the message is the type-1 signature.
      signature: findSignature(text, sender?.name),
      // RG-7: another agency's letter keeps its own number and date.
      letterReference: letter.reference,
      letterDate: letter.date,
      matterId: thread.matterId,
      // CH-3: the server's receipt time; for an officer's forward, the original time (CH-9).
      receivedAt: original?.at ?? internalDate,
      receivedAtClaimed: original?.zoneAssumed ?? false,
      senderClaimedAt: mail.date ?? null,
      forwardedBy: original ? (mail.from?.address ?? null) : null,
      sourceMessageId: original ? (original.mail.messageId ?? null) : (mail.messageId ?? null),
      sourceReferences: original ? [] : mail.references,
      attachments,
    },
    ackTo,
    noAckReason:
      noAckReason ??
      (!ackTo ? "no-address" : ackTo === agency.centralEmail.toLowerCase() ? "own-address" : undefined),
    note:
      [thread.note, mail.parseError && `MIME: ${mail.parseError}`].filter(Boolean).join("; ") || undefined,
  };
}

/** Registers a prepared request with its acknowledgement queued, inside the caller's transaction. */
async function registerPrepared(
  trx: Db,
  deps: MailIntakeDeps,
  agency: Agency,
  prepared: PreparedRequest,
  actor: string,
): Promise<{ entryId: string; noAckReason: PreparedRequest["noAckReason"] }> {
  const now = deps.clock.now();
  const entryId = newId();
  let noAckReason = prepared.noAckReason;
  if (prepared.ackTo && !noAckReason) {
    const recent = await trx
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("agency_id", "=", agency.id)
      .where("recipient", "=", prepared.ackTo)
      .where("kind", "=", "acknowledgement")
      .where("created_at", ">", new Date(now.getTime() - 3_600_000).toISOString())
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= ACKNOWLEDGEMENTS_PER_HOUR) noAckReason = "rate-limit";
  }
  if (prepared.ackTo && !noAckReason) {
    await enqueueMessage(
      trx,
      { agencyId: agency.id, entryId, kind: "acknowledgement", channel: "email", recipient: prepared.ackTo },
      now.toISOString(),
    );
  }
  const calendar = await loadBusinessCalendar(trx, agency);
  await registerEntry(
    trx,
    { ...prepared.entry, id: entryId, agencyId: agency.id },
    { clock: deps.clock, calendar, actor },
  );
  return { entryId, noAckReason };
}

/** The Message-IDs quoted in a delivery report's body: the message it reports on. */
function reportedMessageIds(raw: Buffer): string[] {
  const text = raw.toString("latin1");
  const body = text.slice(Math.max(0, text.search(/\r?\n\r?\n/)));
  return [
    ...body.matchAll(/^(?:message-id|original-message-id|x-original-message-id)\s*:\s*(<[^>\s]+>)/gim),
  ].map((m) => m[1]!);
}

/**
 * Takes one message from the mailbox: keeps the raw message as the record (RG-4), decides what it is,
 * and in one transaction registers it with its acknowledgement queued (RG-1, CH-4) — or holds it as
 * suspected spam (CH-6), or records an automatic reply or a bounce. A message already taken (same
 * sender and Message-ID, or same bytes) is a `duplicate` and changes nothing.
 */
export async function receiveMail(
  deps: MailIntakeDeps,
  agency: Agency,
  settings: { trustedServer: string | null },
  arrived: ArrivedMail,
): Promise<ReceiveResult> {
  const commit = await prepareMail(deps, agency, settings, arrived);
  return commit();
}

/**
 * `receiveMail` in two steps, so that a pass can prepare several messages at once (parsing, storing and
 * screening files: the slow part) while committing them one by one in the order they arrived, which is
 * the order of their receipt numbers (RG-1). Returns the commit.
 */
export async function prepareMail(
  deps: MailIntakeDeps,
  agency: Agency,
  settings: { trustedServer: string | null },
  arrived: ArrivedMail,
): Promise<() => Promise<ReceiveResult>> {
  const db = deps.handle.db;
  const mail = await parseMail(arrived.raw);
  const dedupeKey = dedupeKeyOf(mail, arrived.raw);
  const seen = await db
    .selectFrom("mail_messages")
    .select(["id", "entry_id"])
    .where("agency_id", "=", agency.id)
    .where("dedupe_key", "=", dedupeKey)
    .executeTakeFirst();
  if (seen) {
    return async () => ({
      outcome: "duplicate",
      mailMessageId: seen.id,
      entryId: seen.entry_id ?? undefined,
    });
  }

  const kind = kindOfMail(mail, agency, arrived.folderRole, settings.trustedServer);
  // The raw message and the request's files are written together; all are on disk (RG-4) before the
  // commit that refers to them.
  const [stored, prepared] = await Promise.all([
    deps.files.put(arrived.raw),
    kind.kind === "request"
      ? prepareRequest(deps, agency, mail, arrived.internalDate, kind.noAckReason)
      : Promise.resolve(undefined),
  ]);
  const now = deps.clock.now().toISOString();
  const row = {
    id: newId(),
    agency_id: agency.id,
    dedupe_key: dedupeKey,
    message_id: mail.messageId ?? null,
    from_address: mail.from?.address ?? null,
    subject: mail.subject.slice(0, 500),
    folder: arrived.folder,
    uid_validity: arrived.uidValidity,
    uid: arrived.uid,
    internal_date: arrived.internalDate.toISOString(),
    raw_key: stored.key,
    raw_sha256: stored.sha256,
    size: arrived.raw.byteLength,
    entry_id: null as string | null,
    related_entry_id: null as string | null,
    reason: null as string | null,
    moved_at: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
  };
  return async () => {
    try {
      if (kind.kind !== "request") {
        const result = await withTransaction(deps.handle, async (trx) => {
          let related: string | undefined;
          let reason: string | undefined = kind.kind === "held" ? kind.reason : undefined;
          if (kind.kind === "bounce") {
            const ids = reportedMessageIds(arrived.raw);
            const ours = ids.map((id) => ({ id, entryId: entryOfThreadMessageId(deps.secret, id) }));
            const match = ours.find((o) => o.entryId);
            reason = match?.id ?? ids[0];
            if (match?.entryId) related = await recordBounce(trx, agency.id, match.entryId, match.id, now);
          }
          if (kind.kind === "auto-reply") {
            for (const id of [mail.inReplyTo, ...mail.references]) {
              related ??= (id && entryOfThreadMessageId(deps.secret, id)) || undefined;
            }
          }
          await trx
            .insertInto("mail_messages")
            .values({ ...row, outcome: kind.kind, reason: reason ?? null, related_entry_id: related ?? null })
            .execute();
          await recordAudit(trx, {
            agencyId: agency.id,
            actor: "system:mail",
            action: `mail.${kind.kind}`,
            subjectType: "mail_message",
            subjectId: row.id,
            data: { from: row.from_address, internalDate: row.internal_date, reason, related },
            at: now,
          });
          return { outcome: kind.kind, mailMessageId: row.id, reason };
        });
        failpoint("mail.after-commit");
        return result;
      }

      const result = await withTransaction(deps.handle, async (trx) => {
        const { entryId, noAckReason } = await registerPrepared(trx, deps, agency, prepared!, "system:mail");
        const reason =
          [noAckReason && `no-ack:${noAckReason}`, prepared!.note].filter(Boolean).join("; ") || null;
        await trx
          .insertInto("mail_messages")
          .values({ ...row, outcome: "registered", entry_id: entryId, reason })
          .execute();
        return {
          outcome: "registered" as const,
          mailMessageId: row.id,
          entryId,
          reason: reason ?? undefined,
        };
      });
      failpoint("mail.after-commit");
      return result;
    } catch (error) {
      // Another worker took the same message at the same moment: its registration stands.
      if (isUniqueViolation(error)) {
        const winner = await db
          .selectFrom("mail_messages")
          .select(["id", "entry_id"])
          .where("agency_id", "=", agency.id)
          .where("dedupe_key", "=", dedupeKey)
          .executeTakeFirst();
        if (winner)
          return { outcome: "duplicate", mailMessageId: winner.id, entryId: winner.entry_id ?? undefined };
      }
      throw error;
    }
  };
}

/** CH-12: a delivery report of mail Borikan sent is recorded on that message and its entry's audit. */
async function recordBounce(
  trx: Db,
  agencyId: string,
  entryId: string,
  messageId: string,
  at: string,
): Promise<string | undefined> {
  const kind = /^<?([a-z-]+)\./i.exec(messageId)?.[1] ?? "acknowledgement";
  const outboxKind = kind === "ack" ? "acknowledgement" : kind;
  const updated = await trx
    .updateTable("outbox")
    .set({ bounced_at: at, bounce_reason: "delivery report received" })
    .where("agency_id", "=", agencyId)
    .where("entry_id", "=", entryId)
    .where("kind", "=", outboxKind)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return undefined;
  await recordAudit(trx, {
    agencyId,
    actor: "system:mail",
    action: "outbox.bounce",
    subjectType: "entry",
    subjectId: entryId,
    data: { messageId, kind: outboxKind },
    at,
  });
  return entryId;
}

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
  const held = await deps.handle.db
    .selectFrom("mail_messages")
    .selectAll()
    .where("id", "=", mailMessageId)
    .where("agency_id", "=", agency.id)
    .executeTakeFirst();
  if (held?.outcome !== "held" || !held.raw_key) throw new AppError("MAIL_NOT_HELD");
  const mail = await parseMail(await deps.files.read(held.raw_key));
  // The officer has decided it is not spam: only whether to acknowledge it is still asked.
  const kind = kindOfMail(mail, agency, "inbox", null);
  const noAck = kind.kind === "request" ? kind.noAckReason : "auto-generated";
  const prepared = await prepareRequest(deps, agency, mail, new Date(held.internal_date), noAck);
  return withTransaction(deps.handle, async (trx) => {
    const { entryId } = await registerPrepared(trx, deps, agency, prepared, actor);
    const now = deps.clock.now().toISOString();
    const claimed = await trx
      .updateTable("mail_messages")
      .set({ outcome: "released", entry_id: entryId, decided_by: actor, decided_at: now })
      .where("id", "=", held.id)
      .where("outcome", "=", "held")
      .executeTakeFirst();
    // Two officers pressing release at once: the second one's transaction is undone.
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError("MAIL_NOT_HELD");
    await recordAudit(trx, {
      agencyId: agency.id,
      actor,
      action: "mail.release",
      subjectType: "mail_message",
      subjectId: held.id,
      data: { entryId, internalDate: held.internal_date },
      at: now,
    });
    return { entryId };
  });
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
    const held = await trx
      .selectFrom("mail_messages")
      .select(["raw_key", "outcome"])
      .where("id", "=", mailMessageId)
      .where("agency_id", "=", agency.id)
      .executeTakeFirst();
    if (held?.outcome !== "held") throw new AppError("MAIL_NOT_HELD");
    await trx
      .updateTable("mail_messages")
      .set({ outcome: "deleted", raw_key: null, decided_by: actor, decided_at: now })
      .where("id", "=", mailMessageId)
      .execute();
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
