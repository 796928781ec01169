import type { Agency } from "../../agencies/index.js";
import { loadBusinessCalendar } from "../../calendar/index.js";
import { countQueuedTo, enqueueMessage } from "../../outbox/index.js";
import type { Db } from "../../platform/db/database.js";
import { normalEmailAddress } from "../../platform/email-address.js";
import { failpoint } from "../../platform/failpoint.js";
import { newId } from "../../platform/ids.js";
import { type NewEntry, registerEntry } from "../../register/index.js";
import { screenFiles } from "../attachments/index.js";
import type { NoAckReason } from "./classify-mail.js";
import { forwardedOriginal, type Original } from "./forwarded-original.js";
import { findLetterReference } from "./letter-reference.js";
import type { MailIntakeDeps } from "./mail-intake-deps.js";
import { matterOfReply } from "./matter-of-reply.js";
import { type IncomingMail, languageOf } from "./parse-mail.js";
import { findSignature } from "./signature.js";

/** CH-4: never more than this many acknowledgements to one address in an hour (a loop's brake). */
export const ACKNOWLEDGEMENTS_PER_HOUR = 3;

/** What an entry made of a mail needs; the acknowledgement's address and whether to send one. */
export interface PreparedRequest {
  entry: Omit<NewEntry, "agencyId" | "attachments"> & { attachments: NewEntry["attachments"] };
  ackTo: string | undefined;
  noAckReason: NoAckReason | "rate-limit" | "own-address" | "no-address" | "address-unclear" | undefined;
  note: string | undefined;
  /** The From header as received, when it named no address Borikan may answer (for the officer). */
  senderRaw: string | undefined;
}

/**
 * Who sent a mail and where its acknowledgement may go, never guessed (CH-4): only a From (or Reply-To)
 * that names exactly one valid address counts. When From names no address at all, Reply-To is the
 * sender; a From or Reply-To that does not read one way only leaves the acknowledgement to an officer
 * (`unclear`), who confirms the address on the entry page.
 */
function senderOf(mail: IncomingMail, source: Original["mail"] | IncomingMail, forwarded: boolean) {
  // An officer's forward names its original sender in its own words: the address must still be valid.
  const valid = normalEmailAddress(source.from?.address);
  const from = valid && source.from ? { name: source.from.name, address: valid } : undefined;
  const problem = forwarded ? (source.from && !from ? "invalid" : undefined) : mail.fromProblem;
  const replyTo = normalEmailAddress(source.replyTo);
  const replyToUnclear = !forwarded && mail.replyToProblem !== undefined && mail.replyToProblem !== "absent";
  const fromHasNone = !from && (problem === undefined || problem === "absent" || problem === "no-at");
  const sender = from ?? (fromHasNone && replyTo ? { name: "", address: replyTo } : undefined);
  const unclear = replyToUnclear || (!from && !fromHasNone);
  return { sender, ackTo: unclear ? undefined : (replyTo ?? sender?.address), unclear, problem };
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
  const attachments = await screenFiles(deps.files, files, deps.maxFileBytes, {
    afterEachFile: () => failpoint("mail.mid-attachment"),
    // #18 screenpool: checked and hashed in the pool the mail was parsed in; a file's bytes may go to a
    // thread and back into `files`, emptying the parsed mail's own view: nothing reads that one later.
    threads: deps.threads,
  });
  const { sender, ackTo, unclear, problem } = senderOf(mail, source, Boolean(original));
  // The sender as written, when it gave no address Borikan may answer: shown and kept, never used.
  const written =
    problem && problem !== "absent"
      ? original
        ? [source.from?.name, source.from?.address && `<${source.from.address}>`].filter(Boolean).join(" ")
        : mail.rawFrom
      : undefined;
  const thread = original
    ? {}
    : await matterOfReply(deps.handle.db, agency.id, deps.secret, mail, sender?.address);
  const text = source.text;
  const letter = findLetterReference(text);
  return {
    entry: {
      channel: "email",
      // A From that named no clear address is shown as it was written, never as a guessed address.
      senderName: sender?.name || sender?.address || written || "(unknown sender)",
      senderEmail: sender?.address ?? null,
      replyTo: normalEmailAddress(source.replyTo) ?? ackTo ?? null,
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
      (unclear
        ? "address-unclear"
        : !ackTo
          ? "no-address"
          : ackTo === agency.centralEmail.toLowerCase()
            ? "own-address"
            : undefined),
    note:
      [
        thread.note,
        problem && problem !== "absent" && `From: ${problem}`,
        unclear &&
          mail.replyToProblem &&
          mail.replyToProblem !== "absent" &&
          `Reply-To: ${mail.replyToProblem}`,
        mail.parseError && `MIME: ${mail.parseError}`,
      ]
        .filter(Boolean)
        .join("; ") || undefined,
    senderRaw: written?.slice(0, 1000),
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
    {
      ...prepared.entry,
      id: entryId,
      agencyId: agency.id,
      // CH-4: an acknowledgement withheld is flagged on the entry, with why, for the officer.
      ackWithheld: noAckReason ?? null,
      senderRaw: prepared.senderRaw ?? null,
    },
    { clock: deps.clock, calendar, actor },
  );
  return { entryId, noAckReason };
}
