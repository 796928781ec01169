import type { Agency } from "../../agencies/index.js";
import { loadBusinessCalendar } from "../../calendar/index.js";
import { countQueuedTo, enqueueMessage } from "../../outbox/index.js";
import type { Db } from "../../platform/db/database.js";
import { failpoint } from "../../platform/failpoint.js";
import { newId } from "../../platform/ids.js";
import { type NewEntry, registerEntry } from "../../register/index.js";
import { screenFiles } from "../attachments/index.js";
import type { NoAckReason } from "./classify-mail.js";
import { forwardedOriginal } from "./forwarded-original.js";
import { findLetterReference } from "./letter-reference.js";
import { matterOfReply } from "./matter-of-reply.js";
import { type IncomingMail, languageOf } from "./parse-mail.js";
import type { MailIntakeDeps } from "./receive-mail.js";
import { findSignature } from "./signature.js";

/** CH-4: never more than this many acknowledgements to one address in an hour (a loop's brake). */
export const ACKNOWLEDGEMENTS_PER_HOUR = 3;

/** What an entry made of a mail needs; the acknowledgement's address and whether to send one. */
export interface PreparedRequest {
  entry: Omit<NewEntry, "agencyId" | "attachments"> & { attachments: NewEntry["attachments"] };
  ackTo: string | undefined;
  noAckReason: NoAckReason | "rate-limit" | "own-address" | "no-address" | undefined;
  note: string | undefined;
}

/** Reads a request mail (or the original an officer forwarded) into an entry, its files screened and stored. */
export async function prepareRequest(
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
    ...(a.refusal ? { refusal: a.refusal } : {}),
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
export async function registerPrepared(
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
    const recent = await countQueuedTo(trx, {
      agencyId: agency.id,
      recipient: prepared.ackTo,
      kind: "acknowledgement",
      since: new Date(now.getTime() - 3_600_000),
    });
    if (recent >= ACKNOWLEDGEMENTS_PER_HOUR) noAckReason = "rate-limit";
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
