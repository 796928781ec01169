import type { Db } from "../platform/db/database.js";
import type { Channel } from "./entry.js";

/** #16 RG-2: what the request log reads of an entry instead of retyping it. */
export interface RequestLogEntryFacts {
  entryId: string;
  matterId: string;
  receiptNumber: string;
  receivedAt: string;
  channel: Channel;
  requester: string;
  subject: string;
  /** The matter's unit: the log follows the register's unit scope. */
  unitId: string | null;
  /** When the matter was answered through the general request's `answer` action; null if not. */
  answeredAt: string | null;
}

/**
 * #16 RG-2: date received, requester, subject and channel of the agency's entries (another agency's
 * entries are not found), with the time of their matter's first `answer` action.
 */
export async function findRequestLogEntries(
  db: Db,
  agencyId: string,
  entryIds: readonly string[],
): Promise<Map<string, RequestLogEntryFacts>> {
  const found = new Map<string, RequestLogEntryFacts>();
  if (entryIds.length === 0) return found;
  const rows = await db
    .selectFrom("entries")
    .innerJoin("matters", "matters.id", "entries.matter_id")
    .select([
      "entries.id",
      "entries.matter_id",
      "entries.receipt_number",
      "entries.received_at",
      "entries.channel",
      "entries.sender_name",
      "entries.subject",
      "matters.unit_id",
    ])
    .where("entries.agency_id", "=", agencyId)
    .where("entries.id", "in", [...entryIds])
    .execute();
  const answers =
    rows.length === 0
      ? []
      : await db
          .selectFrom("matter_actions")
          .select(["matter_id", (eb) => eb.fn.min("at").as("at")])
          .where("agency_id", "=", agencyId)
          .where("action", "=", "answer")
          .where("matter_id", "in", [...new Set(rows.map((r) => r.matter_id))])
          .groupBy("matter_id")
          .execute();
  const answered = new Map(answers.map((a) => [a.matter_id, a.at as string]));
  for (const row of rows)
    found.set(row.id, {
      entryId: row.id,
      matterId: row.matter_id,
      receiptNumber: row.receipt_number,
      receivedAt: row.received_at,
      channel: row.channel as Channel,
      requester: row.sender_name,
      subject: row.subject,
      unitId: row.unit_id,
      answeredAt: answered.get(row.matter_id) ?? null,
    });
  return found;
}
