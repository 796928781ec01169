import type { Db } from "../platform/db/database.js";
import type { AttachmentRecord, Channel, Entry, EntryStatus } from "./entry.js";
import type { AttachmentRow, EntryRow } from "./register.table.js";

export function entryFromRow(row: EntryRow): Entry {
  return {
    id: row.id,
    agencyId: row.agency_id,
    matterId: row.matter_id,
    beYear: Number(row.be_year),
    sequence: Number(row.sequence),
    receiptNumber: row.receipt_number,
    receivedAt: new Date(row.received_at),
    workingStart: new Date(row.working_start),
    acknowledgeBy: new Date(row.acknowledge_by),
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
    acknowledgedVia: row.acknowledged_via,
    acknowledgedBy: row.acknowledged_by,
    acknowledgementNote: row.acknowledgement_note,
    channel: row.channel as Channel,
    senderName: row.sender_name,
    senderEmail: row.sender_email,
    senderPhone: row.sender_phone,
    replyTo: row.reply_to,
    subject: row.subject,
    body: row.body,
    status: row.status as EntryStatus,
    language: row.language === "en" ? "en" : "th",
    addressee: row.addressee,
    letterReference: row.letter_reference,
    letterDate: row.letter_date,
    unitId: row.unit_id,
    signature: row.signature,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    cancelReason: row.cancel_reason,
    scannedBy: row.scanned_by,
    scanDevice: row.scan_device,
    sourceMessageId: row.source_message_id,
    sourceReferences: row.source_references ? row.source_references.split(" ") : [],
    senderClaimedAt: row.sender_claimed_at ? new Date(row.sender_claimed_at) : null,
    receivedAtClaimed: Number(row.received_at_claimed) === 1,
    forwardedBy: row.forwarded_by,
    misdirectedAt: row.misdirected_at ? new Date(row.misdirected_at) : null,
    referredAgencyId: row.referred_agency_id,
    misdirectedNote: row.misdirected_note,
    ackWithheld: row.ack_withheld ?? null,
    senderRaw: row.sender_raw ?? null,
  };
}

export function attachmentFromRow(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    position: Number(row.position),
    filename: row.filename,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    storageKey: row.storage_key,
    viewableKey: row.viewable_key,
    refusalCode: row.refusal_code,
  };
}

/** The entry registered under an idempotency key, with the hash of the request that made it. */
export async function findEntryByIdempotencyKey(db: Db, agencyId: string, key: string) {
  const row = await db
    .selectFrom("entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row && { entry: entryFromRow(row), requestHash: row.request_hash };
}

export async function findEntryByNumber(db: Db, agencyId: string, beYear: number, sequence: number) {
  const row = await db
    .selectFrom("entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("be_year", "=", beYear)
    .where("sequence", "=", sequence)
    .executeTakeFirst();
  return row && entryFromRow(row);
}

export async function findEntry(db: Db, id: string) {
  const row = await db.selectFrom("entries").selectAll().where("id", "=", id).executeTakeFirst();
  return row && entryFromRow(row);
}

export async function listAttachments(db: Db, entryId: string): Promise<AttachmentRecord[]> {
  const rows = await db
    .selectFrom("attachments")
    .selectAll()
    .where("entry_id", "=", entryId)
    .orderBy("position")
    .execute();
  return rows.map(attachmentFromRow);
}

export async function findMatterStatus(db: Db, matterId: string): Promise<string | undefined> {
  const row = await db.selectFrom("matters").select("status").where("id", "=", matterId).executeTakeFirst();
  return row?.status;
}

/** Entries not yet acknowledged, whose deadlines still depend on the calendar. */
export async function listUnacknowledgedEntries(db: Db, agencyId: string) {
  const rows = await db
    .selectFrom("entries")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("acknowledged_at", "is", null)
    .where("status", "!=", "cancelled")
    .execute();
  return rows.map(entryFromRow);
}

/** The receipt number of a matter (its first entry's), or undefined. */
export async function findMatterReceiptNumber(db: Db, matterId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("matters")
    .select("receipt_number")
    .where("id", "=", matterId)
    .executeTakeFirst();
  return row?.receipt_number;
}

/** The receipt numbers of the given entries, by entry id (for lists kept by other capabilities). */
export async function findReceiptNumbers(db: Db, entryIds: readonly string[]): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("entries")
    .select(["id", "receipt_number"])
    .where("id", "in", [...new Set(entryIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.receipt_number]));
}
