import type { Db } from "../platform/db/database.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";

/** A letter of the agency, or undefined. */
export async function findLetter(
  db: Db,
  agencyId: string,
  letterId: string,
): Promise<OutgoingLetterRow | undefined> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", letterId)
    .executeTakeFirst();
}

/** The letters of a matter, oldest first. */
export async function listMatterLetters(db: Db, matterId: string): Promise<OutgoingLetterRow[]> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("be_year")
    .orderBy("sequence")
    .execute();
}

/** What the outgoing register page asks for: a Buddhist year, a text to find, the page after a number. */
export interface LetterFilter {
  beYear: number;
  text?: string;
  /** Keyset paging: letters numbered below this one (newest first). */
  before?: number;
}

/**
 * ES-1: the agency's outgoing register (ทะเบียนหนังสือส่ง) of a Buddhist year, newest first, `limit` at a
 * time; `text` finds the number, subject, sender or recipient.
 */
export async function listOutgoingRegister(
  db: Db,
  agencyId: string,
  filter: LetterFilter,
  limit: number,
): Promise<OutgoingLetterRow[]> {
  let query = db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("be_year", "=", filter.beYear);
  if (filter.before !== undefined) query = query.where("sequence", "<", filter.before);
  const text = filter.text?.trim().toLowerCase();
  if (!text) return query.orderBy("sequence", "desc").limit(limit).execute();
  // ID-7: the subject and the addressee are sealed, so SQL cannot match them: the year's letters are read
  // a batch at a time, newest first, and matched here once opened.
  const found: OutgoingLetterRow[] = [];
  let before = filter.before;
  for (;;) {
    let batch = query;
    if (before !== undefined) batch = batch.where("sequence", "<", before);
    const rows = await batch.orderBy("sequence", "desc").limit(500).execute();
    for (const row of rows) {
      if ([row.number, row.subject, row.to_name, row.from_name].some((v) => v.toLowerCase().includes(text)))
        found.push(row);
      if (found.length >= limit) return found;
    }
    if (rows.length < 500) return found;
    before = rows[rows.length - 1]?.sequence;
  }
}

/** RG-7: the letters that answer each of these incoming entries, by entry. */
export async function findReplyLetters(
  db: Db,
  entryIds: readonly string[],
): Promise<Map<string, OutgoingLetterRow[]>> {
  const replies = new Map<string, OutgoingLetterRow[]>();
  if (entryIds.length === 0) return replies;
  const rows = await db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("replies_to_entry_id", "in", [...new Set(entryIds)])
    .orderBy("be_year")
    .orderBy("sequence")
    .execute();
  for (const row of rows) {
    const id = row.replies_to_entry_id as string;
    replies.set(id, [...(replies.get(id) ?? []), row]);
  }
  return replies;
}

/** The letter an officer's compose form already gave (a double click), or undefined. */
export async function findLetterByFormKey(
  db: Db,
  agencyId: string,
  formKey: string,
): Promise<OutgoingLetterRow | undefined> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("form_key", "=", formKey)
    .executeTakeFirst();
}

/**
 * ES-1: the letters of a matter its applicant may open on the tracking page, oldest first: not the
 * internal memos, never the most secret class.
 */
export async function listApplicantLetters(db: Db, matterId: string): Promise<OutgoingLetterRow[]> {
  return db
    .selectFrom("outgoing_letters")
    .selectAll()
    .where("matter_id", "=", matterId)
    .where("kind", "=", "external")
    .where("secrecy", "!=", "top_secret")
    .orderBy("be_year")
    .orderBy("sequence")
    .execute();
}
