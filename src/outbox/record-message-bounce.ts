import type { Db } from "../platform/db/database.js";
import type { QueuedMail } from "./queued-mail.js";

/** Delivery reports come back within days; a message sent longer ago than this is not looked for. */
const REPORT_WINDOW_MS = 30 * 24 * 3600 * 1000;

/**
 * CH-12, DL-4: a delivery report came back for a message about no entry (a licence's mail) that was sent
 * with this Message-ID. The payload is sealed (ID-7), so the agency's recent sent messages of the kind
 * are read and the one sent with exactly this Message-ID is marked bounced. Returns its outbox id, or
 * undefined when Borikan sent no such message (a report about mail it never sent changes nothing).
 */
export async function recordMessageBounce(
  trx: Db,
  report: { agencyId: string; kind: string; messageId: string; reason: string; at: string },
): Promise<string | undefined> {
  const since = new Date(new Date(report.at).getTime() - REPORT_WINDOW_MS).toISOString();
  const rows = await trx
    .selectFrom("outbox")
    .select(["id", "payload"])
    .where("agency_id", "=", report.agencyId)
    .where("entry_id", "is", null)
    .where("kind", "=", report.kind)
    .where("status", "=", "sent")
    .where("sent_at", ">", since)
    .execute();
  const sent = rows.find((r) => messageIdOf(r.payload) === report.messageId);
  if (!sent) return undefined;
  await trx
    .updateTable("outbox")
    .set({ bounced_at: report.at, bounce_reason: report.reason })
    .where("id", "=", sent.id)
    .execute();
  return sent.id;
}

function messageIdOf(payload: string): string | undefined {
  try {
    return (JSON.parse(payload) as QueuedMail).messageId;
  } catch {
    return undefined;
  }
}
