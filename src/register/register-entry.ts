import { recordAudit } from "../audit/index.js";
import { acknowledgeBy, type BusinessCalendar, registerYear, workingStart } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { emailLookupKey, phoneLookupKey, sealerOf } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { addDaysOfKind, type DayKind } from "../workflow/index.js";
import { entryFromRow } from "./entries.repo.js";
import type { AttachmentRecord, Channel, Entry } from "./entry.js";
import type { MatterKind } from "./matter-statuses.js";
import { insertRegistration } from "./registration.repo.js";

export interface NewEntry {
  /** Set by a caller that writes rows pointing at the entry before it exists (e.g. its outbox message). */
  id?: string;
  agencyId: string;
  channel: Channel;
  senderName: string;
  senderEmail?: string | null;
  senderPhone?: string | null;
  replyTo?: string | null;
  addressee?: string | null;
  subject: string;
  body: string;
  letterReference?: string | null;
  letterDate?: string | null;
  unitId?: string | null;
  language: "th" | "en";
  /** FM-6: the type-1 electronic signature (a name typed, or a confirm button pressed). */
  signature?: string | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  /** Join an existing matter; otherwise the entry opens a new one. */
  matterId?: string;
  /**
   * #12: what a new matter is: an application carries its manual's time limit (LF-1), counted from this
   * entry's working start; without it the matter is a general request.
   */
  opening?: MatterOpening;
  /** When the item entered the agency's system, for channels that know it (mail server, LINE event). */
  receivedAt?: Date;
  /** RG-6: for paper items, the officer who scanned it and the device. */
  scannedBy?: string;
  scanDevice?: string;
  /** CH-4: a mail's Message-ID and References, so its acknowledgement answers in the thread. */
  sourceMessageId?: string | null;
  sourceReferences?: string[];
  /** CH-3: the time the sender wrote (a mail's Date header): kept as a claim. */
  senderClaimedAt?: Date | null;
  /** #10, CH-4: why no acknowledgement was queued, when an officer should look (the entry is flagged). */
  ackWithheld?: string | null;
  /** #10: the sender's header as received, when it named no address Borikan may answer. */
  senderRaw?: string | null;
  /** CH-9: receivedAt comes from a forwarded mail's time without a zone, read as the agency's time. */
  receivedAtClaimed?: boolean;
  forwardedBy?: string | null;
  /** CH-10: the LINE user it came from, so that a follow-up joins its matter and officers answer in the chat. */
  lineUserId?: string | null;
  /** CH-4: the reply went out with the receipt itself (the web confirmation page): how. */
  acknowledgedOnReceiptVia?: string;
  attachments: Omit<AttachmentRecord, "id" | "position">[];
}

export interface MatterOpening {
  kind: MatterKind;
  unitId?: string | null;
  timeLimit?: { amount: number; dayKind: DayKind } | null;
}

export interface RegisterContext {
  clock: Clock;
  calendar: BusinessCalendar;
  actor: string;
  ip?: string;
}

/**
 * Enters one incoming item in the register (RG-1) inside the caller's transaction: receipt number,
 * receipt time, working start and acknowledgement deadline (CH-3, CH-4), its files, and an audit row.
 * For the web the receipt time is taken here, in the transaction that commits it (CH-3).
 * Throws the database's unique violation when `idempotencyKey` was used before (the caller decides).
 */
export async function registerEntry(
  trx: Db,
  input: NewEntry,
  ctx: RegisterContext,
): Promise<{ entry: Entry; attachments: AttachmentRecord[] }> {
  const receivedAt = input.receivedAt ?? ctx.clock.now();
  const now = ctx.clock.now().toISOString();
  const entryId = input.id ?? newId();
  const matterId = input.matterId ?? newId();
  const start = workingStart(ctx.calendar, receivedAt);
  const timeLimit = input.opening?.timeLimit ?? null;
  const attachments: AttachmentRecord[] = input.attachments.map((a, position) => ({
    ...a,
    id: newId(),
    position,
  }));
  // The audit row first: on PostgreSQL the registration's one statement locks the receipt counter until
  // COMMIT, so nothing may come after it in the transaction.
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: ctx.actor,
    action: "entry.register",
    subjectType: "entry",
    subjectId: entryId,
    data: { channel: input.channel, receivedAt, files: attachments.length },
    ip: ctx.ip,
    at: now,
  });
  const sealer = sealerOf(trx);
  const row = await insertRegistration(trx, {
    matter: input.matterId
      ? undefined
      : {
          id: matterId,
          agency_id: input.agencyId,
          subject: input.subject,
          status: "received",
          created_at: now,
          updated_at: now,
          kind: input.opening?.kind ?? "general",
          unit_id: input.opening?.unitId ?? input.unitId ?? null,
          clock_start: start.toISOString(),
          time_limit: timeLimit ? JSON.stringify(timeLimit) : null,
          // LF-1, RV-6: the manual's time counts from the working start of the receipt (CH-3).
          due_at: timeLimit
            ? addDaysOfKind(ctx.calendar, start, timeLimit.amount, timeLimit.dayKind).toISOString()
            : null,
        },
    entry: {
      id: entryId,
      agency_id: input.agencyId,
      matter_id: matterId,
      be_year: registerYear(ctx.calendar, receivedAt),
      received_at: receivedAt.toISOString(),
      working_start: start.toISOString(),
      acknowledge_by: acknowledgeBy(ctx.calendar, receivedAt).toISOString(),
      acknowledged_at: input.acknowledgedOnReceiptVia ? receivedAt.toISOString() : null,
      acknowledged_via: input.acknowledgedOnReceiptVia ?? null,
      channel: input.channel,
      sender_name: input.senderName,
      sender_email: input.senderEmail ?? null,
      sender_phone: input.senderPhone ?? null,
      reply_to: input.replyTo ?? null,
      addressee: input.addressee ?? null,
      subject: input.subject,
      body: input.body,
      letter_reference: input.letterReference ?? null,
      letter_date: input.letterDate ?? null,
      unit_id: input.unitId ?? null,
      status: "received",
      language: input.language,
      signature: input.signature ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      request_hash: input.requestHash ?? null,
      scanned_by: input.scannedBy ?? null,
      scan_device: input.scanDevice ?? null,
      source_message_id: input.sourceMessageId ?? null,
      source_references: input.sourceReferences?.length ? input.sourceReferences.join(" ") : null,
      sender_claimed_at: input.senderClaimedAt?.toISOString() ?? null,
      received_at_claimed: input.receivedAtClaimed ? 1 : 0,
      forwarded_by: input.forwardedBy ?? null,
      line_user_id: input.lineUserId ?? null,
      ack_withheld: input.ackWithheld ?? null,
      sender_raw: input.senderRaw ?? null,
      // ID-7: the sender is found by these keyed hashes; the address and number themselves are sealed.
      sender_email_hmac: (sealer && emailLookupKey(sealer, input.senderEmail)) ?? null,
      sender_phone_hmac: (sealer && phoneLookupKey(sealer, input.senderPhone)) ?? null,
      created_at: now,
    },
    attachments: attachments.map((a) => ({
      id: a.id,
      agency_id: input.agencyId,
      entry_id: entryId,
      position: a.position,
      filename: a.filename,
      media_type: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      storage_key: a.storageKey,
      viewable_key: a.viewableKey,
      refusal_code: a.refusalCode,
      created_at: now,
    })),
  });
  return { entry: entryFromRow(row), attachments };
}
