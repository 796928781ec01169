import type { Db } from "../../platform/db/database.js";
import type { MailOutcome } from "./mail.table.js";

export interface MailLine {
  id: string;
  internalDate: Date;
  from: string | null;
  subject: string | null;
  outcome: MailOutcome;
  reason: string | null;
  size: number;
}

/** Messages by what became of them, newest first: held spam for the check (CH-5, CH-6), automatic mail. */
export async function listMail(
  db: Db,
  agencyId: string,
  outcomes: MailOutcome[],
  limit = 100,
): Promise<MailLine[]> {
  const rows = await db
    .selectFrom("mail_messages")
    .select(["id", "internal_date", "from_address", "subject", "outcome", "reason", "size"])
    .where("agency_id", "=", agencyId)
    .where("outcome", "in", outcomes)
    .orderBy("internal_date", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    internalDate: new Date(r.internal_date),
    from: r.from_address,
    subject: r.subject,
    outcome: r.outcome,
    reason: r.reason,
    size: Number(r.size),
  }));
}

export async function countHeld(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom("mail_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .where("outcome", "=", "held")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The raw message an entry was registered from (RG-4), if it came by mail. */
export async function findRawOfEntry(db: Db, agencyId: string, entryId: string) {
  return db
    .selectFrom("mail_messages")
    .select(["id", "raw_key"])
    .where("agency_id", "=", agencyId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
}
