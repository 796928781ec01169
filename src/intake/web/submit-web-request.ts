import type { Agency } from "../../agencies/index.js";
import { loadBusinessCalendar } from "../../calendar/index.js";
import { enqueueMessage } from "../../outbox/index.js";
import type { Clock } from "../../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { newId, sha256Hex } from "../../platform/ids.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import {
  type AttachmentRecord,
  type Entry,
  findEntryByIdempotencyKey,
  listAttachments,
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
}

export interface SubmitResult {
  entry: Entry;
  attachments: AttachmentRecord[];
  trackingToken: string;
  trackingUrl: string;
  /** True when this was a repeat of an earlier submission (same form token or Idempotency-Key). */
  replayed: boolean;
}

async function existingResult(deps: WebIntakeDeps, agency: Agency, key: string, requestHash: string) {
  const found = await findEntryByIdempotencyKey(deps.handle.db, agency.id, key);
  if (!found) return undefined;
  const { entry } = found;
  if (found.requestHash !== requestHash) {
    const code = key.startsWith("form:") ? "FORM_ALREADY_SUBMITTED" : "IDEMPOTENCY_KEY_REUSED";
    throw new AppError(code, { receiptNumber: entry.receiptNumber });
  }
  return result(deps, agency, entry, await listAttachments(deps.handle.db, entry.id), true);
}

function result(
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
  const attachments = await screenFiles(deps.files, submission.files, deps.maxFileBytes);
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
    const registered = await withTransaction(deps.handle, async (trx) => {
      // The acknowledgement is queued first and the entry last, so that the statement taking the
      // receipt number ends the transaction and holds the agency's counter as briefly as possible.
      if (submission.email) {
        const message = {
          agencyId: agency.id,
          entryId,
          kind: "acknowledgement",
          channel: "email" as const,
          recipient: submission.email,
        };
        await enqueueMessage(trx, message, deps.clock.now().toISOString());
      }
      return registerEntry(
        trx,
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
          // CH-4: with no address to write to, the confirmation page on the channel it came by is the reply.
          acknowledgedOnReceiptVia: submission.email ? undefined : "web-page",
          attachments,
        },
        { clock: deps.clock, calendar, actor: "citizen", ip: meta.ip },
      );
    });
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
