import type { Db } from "../platform/db/database.js";
import type { PersonKeys } from "./person-matters.repo.js";

/** #17 subjects (PD-3): one of a person's entries with its files, as their export shows it. */
export interface PersonEntry {
  id: string;
  matterId: string;
  receiptNumber: string;
  channel: string;
  receivedAt: string;
  senderName: string;
  senderEmail: string | null;
  senderPhone: string | null;
  subject: string;
  body: string;
  status: string;
  attachments: {
    id: string;
    filename: string;
    mediaType: string | null;
    size: number;
    sha256: string | null;
    storageKey: string | null;
  }[];
}

/** The most entries an export carries; a person with more is told the export is partial. */
export const PERSON_ENTRIES_MAX = 2000;

/**
 * #17 subjects (PD-3): the entries the person sent (from their verified address or phone, or their
 * linked LINE user) and the entries of matters named in `matterIds` (applications under their proven
 * national ID), with their files. Another sender's entry joined to the same matter is not theirs: only
 * `matterIds` (already the person's by proof) bring a whole matter. No key finds nothing.
 */
export async function listPersonEntries(db: Db, keys: PersonKeys): Promise<PersonEntry[]> {
  const ids = [...(keys.matterIds ?? [])];
  if (!keys.emailHmac && !keys.phoneHmac && !keys.lineUserId && ids.length === 0) return [];
  const rows = await db
    .selectFrom("entries")
    .select([
      "id",
      "matter_id",
      "receipt_number",
      "channel",
      "received_at",
      "sender_name",
      "sender_email",
      "sender_phone",
      "subject",
      "body",
      "status",
    ])
    .where("agency_id", "=", keys.agencyId)
    .where((eb) =>
      eb.or([
        ...(keys.emailHmac ? [eb("sender_email_hmac", "=", keys.emailHmac)] : []),
        ...(keys.phoneHmac ? [eb("sender_phone_hmac", "=", keys.phoneHmac)] : []),
        ...(keys.lineUserId ? [eb("line_user_id", "=", keys.lineUserId)] : []),
        ...(ids.length > 0 ? [eb("matter_id", "in", ids)] : []),
      ]),
    )
    .orderBy("received_at")
    .orderBy("id")
    .limit(PERSON_ENTRIES_MAX)
    .execute();
  const files = rows.length
    ? await db
        .selectFrom("attachments")
        .select(["id", "entry_id", "filename", "media_type", "size", "sha256", "storage_key"])
        .where(
          "entry_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("entry_id")
        .orderBy("position")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    receiptNumber: r.receipt_number,
    channel: r.channel,
    receivedAt: r.received_at,
    senderName: r.sender_name,
    senderEmail: r.sender_email,
    senderPhone: r.sender_phone,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attachments: files
      .filter((f) => f.entry_id === r.id)
      .map((f) => ({
        id: f.id,
        filename: f.filename,
        mediaType: f.media_type,
        size: f.size,
        sha256: f.sha256,
        storageKey: f.storage_key,
      })),
  }));
}

/** #17 subjects: the keys of an entry's sender (a request turned from a mail, LINE or paper entry). */
export async function entrySenderKeys(
  db: Db,
  agencyId: string,
  entryId: string,
): Promise<(PersonKeys & { matterId: string; receivedAt: string }) | undefined> {
  const row = await db
    .selectFrom("entries")
    .select(["matter_id", "received_at", "sender_email_hmac", "sender_phone_hmac", "line_user_id"])
    .where("agency_id", "=", agencyId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  return (
    row && {
      agencyId,
      matterId: row.matter_id,
      receivedAt: row.received_at,
      emailHmac: row.sender_email_hmac,
      phoneHmac: row.sender_phone_hmac,
      lineUserId: row.line_user_id,
    }
  );
}
