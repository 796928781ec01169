import { recordAudit } from "../audit/index.js";
import { acknowledgeBy, type BusinessCalendar, registerYear, workingStart } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { entryFromRow } from "./entries.repo.js";
import type { AttachmentRecord, Channel, Entry } from "./entry.js";
import { allocateReceiptNumber } from "./receipt-number.js";

export interface NewEntry {
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
  /** When the item entered the agency's system, for channels that know it (mail server, LINE event). */
  receivedAt?: Date;
  attachments: Omit<AttachmentRecord, "id" | "position">[];
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
 */
export async function registerEntry(trx: Db, input: NewEntry, ctx: RegisterContext): Promise<Entry> {
  const receivedAt = input.receivedAt ?? ctx.clock.now();
  const start = workingStart(ctx.calendar, receivedAt);
  const beYear = registerYear(ctx.calendar, receivedAt);
  const { sequence, receiptNumber } = await allocateReceiptNumber(trx, input.agencyId, beYear);
  const now = ctx.clock.now().toISOString();
  const matterId = input.matterId ?? newId();
  if (!input.matterId) {
    await trx
      .insertInto("matters")
      .values({
        id: matterId,
        agency_id: input.agencyId,
        receipt_number: receiptNumber,
        subject: input.subject,
        status: "received",
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const row = await trx
    .insertInto("entries")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      matter_id: matterId,
      be_year: beYear,
      sequence,
      receipt_number: receiptNumber,
      received_at: receivedAt.toISOString(),
      working_start: start.toISOString(),
      acknowledge_by: acknowledgeBy(ctx.calendar, receivedAt).toISOString(),
      acknowledged_at: null,
      acknowledged_via: null,
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
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const entry = entryFromRow(row);
  if (input.attachments.length > 0) {
    await trx
      .insertInto("attachments")
      .values(
        input.attachments.map((a, position) => ({
          id: newId(),
          agency_id: input.agencyId,
          entry_id: entry.id,
          position,
          filename: a.filename,
          media_type: a.mediaType,
          size: a.size,
          sha256: a.sha256,
          storage_key: a.storageKey,
          viewable_key: a.viewableKey,
          refusal_code: a.refusalCode,
          created_at: now,
        })),
      )
      .execute();
  }
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: ctx.actor,
    action: "entry.register",
    subjectType: "entry",
    subjectId: entry.id,
    data: {
      receiptNumber,
      channel: input.channel,
      receivedAt: entry.receivedAt,
      files: input.attachments.length,
    },
    ip: ctx.ip,
    at: now,
  });
  return entry;
}
