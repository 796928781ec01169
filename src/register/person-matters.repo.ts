import type { Db } from "../platform/db/database.js";

/** One of a person's matters, with its first entry (whose tracking link the person is given). */
export interface PersonMatter {
  id: string;
  receiptNumber: string;
  subject: string;
  status: string;
  kind: string;
  updatedAt: Date;
  firstEntry: { id: string; beYear: number; sequence: number };
}

/** How a person's matters are found: keyed hashes (ID-7) of what they proved, a linked LINE user, known ids. */
export interface PersonKeys {
  agencyId: string;
  emailHmac?: string | null;
  phoneHmac?: string | null;
  lineUserId?: string | null;
  /** Matters found by another capability (an application by the person's proven national ID). */
  matterIds?: readonly string[];
}

/** The most matters listed: a person with more is shown the newest. */
export const PERSON_MATTERS_MAX = 200;

/**
 * PD-6: the matters of one agency that any entry ties to the person (sent from their verified address
 * or phone, or by their linked LINE user), or that are named in `matterIds`, newest change first.
 * Nothing matches a key that is absent: no key at all finds nothing.
 */
export async function listPersonMatters(db: Db, keys: PersonKeys): Promise<PersonMatter[]> {
  const ids = [...(keys.matterIds ?? [])];
  if (!keys.emailHmac && !keys.phoneHmac && !keys.lineUserId && ids.length === 0) return [];
  const rows = await db
    .selectFrom("matters")
    .innerJoin("entries as first", (join) =>
      join
        .onRef("first.matter_id", "=", "matters.id")
        .onRef("first.receipt_number", "=", "matters.receipt_number"),
    )
    .select([
      "matters.id",
      "matters.receipt_number",
      "matters.subject",
      "matters.status",
      "matters.kind",
      "matters.updated_at",
      "first.id as entry_id",
      "first.be_year",
      "first.sequence",
    ])
    .where("matters.agency_id", "=", keys.agencyId)
    .where((eb) => {
      const byEntry = eb(
        "matters.id",
        "in",
        eb
          .selectFrom("entries as e")
          .select("e.matter_id")
          .where("e.agency_id", "=", keys.agencyId)
          .where((inner) =>
            inner.or([
              ...(keys.emailHmac ? [inner("e.sender_email_hmac", "=", keys.emailHmac)] : []),
              ...(keys.phoneHmac ? [inner("e.sender_phone_hmac", "=", keys.phoneHmac)] : []),
              ...(keys.lineUserId ? [inner("e.line_user_id", "=", keys.lineUserId)] : []),
            ]),
          ),
      );
      return ids.length > 0 ? eb.or([byEntry, eb("matters.id", "in", ids)]) : byEntry;
    })
    .orderBy("matters.updated_at", "desc")
    .orderBy("matters.id", "desc")
    .limit(PERSON_MATTERS_MAX)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptNumber: r.receipt_number,
    subject: r.subject,
    status: r.status,
    kind: r.kind,
    updatedAt: new Date(r.updated_at),
    firstEntry: { id: r.entry_id, beYear: Number(r.be_year), sequence: Number(r.sequence) },
  }));
}
