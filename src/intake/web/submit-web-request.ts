import type { Agency } from "../../agencies/index.js";
import { type BusinessCalendar, loadBusinessCalendar } from "../../calendar/index.js";
import { enqueueMessage } from "../../outbox/index.js";
import type { Clock } from "../../platform/clock.js";
import {
  type DatabaseHandle,
  type Db,
  isUniqueViolation,
  withTransaction,
} from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { newId, sha256Hex } from "../../platform/ids.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { ThreadPool } from "../../platform/threads/index.js";
import {
  type AttachmentRecord,
  type Entry,
  findEntryByIdempotencyKey,
  listAttachments,
  type NewEntry,
  registerEntry,
  trackingToken,
  trackingUrl,
} from "../../register/index.js";
import { screenFiles } from "../attachments/index.js";
import { validateSubmission, type WebSubmission } from "./web-submission.js";

export interface WebIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  publicUrl: string;
  maxFileBytes: number;
  /** #18 screenpool: where attachments are checked and hashed, off the event loop; unset: on it. */
  threads?: ThreadPool;
}

export interface SubmitResult {
  entry: Entry;
  attachments: AttachmentRecord[];
  trackingToken: string;
  trackingUrl: string;
  /** True when this was a repeat of an earlier submission (same form token or Idempotency-Key). */
  replayed: boolean;
}

/** The entry an idempotency key already registered, as a replay; throws when its content differed. */
export async function existingResult(
  deps: WebIntakeDeps,
  agency: Agency,
  key: string,
  requestHash: string,
): Promise<SubmitResult | undefined> {
  const found = await findEntryByIdempotencyKey(deps.handle.db, agency.id, key);
  if (!found) return undefined;
  const { entry } = found;
  if (found.requestHash !== requestHash) {
    const code = key.startsWith("form:") ? "FORM_ALREADY_SUBMITTED" : "IDEMPOTENCY_KEY_REUSED";
    throw new AppError(code, { receiptNumber: entry.receiptNumber });
  }
  return result(deps, agency, entry, await listAttachments(deps.handle.db, entry.id), true);
}

export function result(
  deps: WebIntakeDeps,
  agency: Agency,
  entry: Entry,
  attachments: AttachmentRecord[],
  replayed: boolean,
) {
  return {
    entry,
    attachments,
    trackingToken: trackingToken(deps.secret, entry.id),
    trackingUrl: trackingUrl(deps, agency.id, entry),
    replayed,
  };
}

/**
 * CH-11: registers a web submission. Files are screened and stored first; then, in one transaction, the
 * entry is registered and its acknowledgement written to the outbox (CH-4) — or, with no email address,
 * the confirmation page itself is the acknowledgement. A repeated `idempotencyKey` with the same content
 * returns the first entry; with other content it throws FORM_ALREADY_SUBMITTED / IDEMPOTENCY_KEY_REUSED.
 * Also throws VALIDATION_FAILED, CONTACT_REQUIRED, EMAIL_INVALID, PHONE_INVALID, CONFIRMATION_REQUIRED.
 */
export async function submitWebRequest(
  deps: WebIntakeDeps,
  agency: Agency,
  input: WebSubmission,
  meta: { idempotencyKey: string; ip?: string },
): Promise<SubmitResult> {
  const submission = validateSubmission(input);
  const attachments = await screenFiles(deps.files, submission.files, deps.maxFileBytes, {
    threads: deps.threads,
  });
  const requestHash = sha256Hex(
    JSON.stringify([
      submission.name,
      submission.email,
      submission.phone,
      submission.subject,
      submission.message,
      attachments.map((a) => [a.filename, a.sha256, a.refusalCode]),
    ]),
  );
  const calendar = await loadBusinessCalendar(deps.handle.db, agency);
  try {
    const entryId = newId();
    const registered = await withTransaction(deps.handle, (trx) =>
      registerWithAcknowledgement(
        trx,
        deps,
        {
          id: entryId,
          agencyId: agency.id,
          channel: "web",
          senderName: submission.name,
          senderEmail: submission.email,
          senderPhone: submission.phone,
          replyTo: submission.email,
          addressee: agency.nameTh,
          subject: submission.subject,
          body: submission.message,
          language: submission.language,
          signature: `${submission.name} (web confirm)`,
          idempotencyKey: meta.idempotencyKey,
          requestHash,
          attachments,
        },
        { calendar, ip: meta.ip },
      ),
    );
    return result(deps, agency, registered.entry, registered.attachments, false);
  } catch (error) {
    // A repeated key (a double submit, a client retry) hits the unique key: answer with the first entry.
    if (isUniqueViolation(error)) {
      const winner = await existingResult(deps, agency, meta.idempotencyKey, requestHash);
      if (winner) return winner;
    }
    throw error;
  }
}

/**
 * CH-4, inside the caller's transaction: queues the acknowledgement to `entry.senderEmail` (or, with no
 * address, records the confirmation page as the reply) and registers the web entry. The acknowledgement
 * is queued first and the entry last, so that the statement taking the receipt number ends the
 * transaction and holds the agency's counter as briefly as possible.
 */
export async function registerWithAcknowledgement(
  trx: Db,
  deps: Pick<WebIntakeDeps, "clock">,
  entry: NewEntry & { id: string },
  ctx: { calendar: BusinessCalendar; ip?: string },
) {
  if (entry.senderEmail) {
    const message = {
      agencyId: entry.agencyId,
      entryId: entry.id,
      kind: "acknowledgement",
      channel: "email" as const,
      recipient: entry.senderEmail,
    };
    await enqueueMessage(trx, message, deps.clock.now().toISOString());
  }
  return registerEntry(
    trx,
    // CH-4: with no address to write to, the confirmation page on the channel it came by is the reply.
    { ...entry, acknowledgedOnReceiptVia: entry.senderEmail ? undefined : "web-page" },
    { clock: deps.clock, calendar: ctx.calendar, actor: "citizen", ip: ctx.ip },
  );
}
