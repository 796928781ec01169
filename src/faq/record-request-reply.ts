import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findRequestLogEntries } from "../register/index.js";
import type { RequestLogTable } from "./faq.table.js";
import { type FaqOfficer, inLogScope } from "./faq-roles.js";
import { checkService, note } from "./log-request.js";

export interface RequestReplyInput {
  agencyId: string;
  logId: string;
  answer: string;
  repliedVia?: string | null;
  informationSource?: string | null;
  remarks?: string | null;
  serviceId?: string | null;
  officer: FaqOfficer;
  ip?: string;
}

const MAX_ANSWER = 10_000;

/** A logged question of the agency within the officer's units, else FAQ_LOG_NOT_FOUND. */
export async function scopedLogRow(
  trx: Db,
  agencyId: string,
  logId: string,
  officer: Pick<FaqOfficer, "roles" | "unitIds">,
): Promise<RequestLogTable> {
  const row = await trx
    .selectFrom("request_log")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", logId)
    .executeTakeFirst();
  if (!row || !inLogScope(officer, row.unit_id)) throw new AppError("FAQ_LOG_NOT_FOUND");
  return row;
}

/**
 * RG-2: records the answer given to a logged question, with its information source and remarks. The
 * date replied is the matter's `answer` action when it was answered through the register (read there),
 * else now; an answer corrected later keeps the first date replied.
 */
export async function recordRequestReply(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: RequestReplyInput,
): Promise<RequestLogTable> {
  const answer = input.answer.trim();
  if (!answer || answer.length > MAX_ANSWER)
    throw new AppError("FAQ_LOG_INVALID", { field: "answer" }, { field: "answer" });
  const informationSource = note(input.informationSource, "informationSource");
  const remarks = note(input.remarks, "remarks");
  const repliedVia = note(input.repliedVia, "repliedVia");
  return withTransaction(deps.handle, async (trx) => {
    const row = await scopedLogRow(trx, input.agencyId, input.logId, input.officer);
    if (input.serviceId) await checkService(trx, input.agencyId, input.serviceId);
    const facts = (await findRequestLogEntries(trx, input.agencyId, [row.entry_id])).get(row.entry_id);
    const at = deps.clock.now().toISOString();
    const changes = {
      answer,
      replied_at: row.replied_at ?? facts?.answeredAt ?? at,
      replied_via: repliedVia ?? row.replied_via,
      information_source: informationSource ?? row.information_source,
      remarks: remarks ?? row.remarks,
      service_id: input.serviceId || row.service_id,
    };
    await trx.updateTable("request_log").set(changes).where("id", "=", row.id).execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${input.officer.staffId}`,
      action: "request_log.reply",
      subjectType: "request_log",
      subjectId: row.id,
      data: { entryId: row.entry_id, serviceId: changes.service_id },
      ip: input.ip,
      at,
    });
    return { ...row, ...changes };
  });
}
