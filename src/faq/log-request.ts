import { recordAudit } from "../audit/index.js";
import { listServices } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findRequestLogEntries } from "../register/index.js";
import type { RequestLogTable } from "./faq.table.js";
import { type FaqOfficer, inLogScope } from "./faq-roles.js";

export interface LogRequestInput {
  agencyId: string;
  entryId: string;
  serviceId?: string | null;
  informationSource?: string | null;
  remarks?: string | null;
  officer: FaqOfficer;
  ip?: string;
}

const MAX_NOTE = 2000;

/** An optional note: trimmed, null when empty, refused when too long. */
export function note(value: string | null | undefined, field: string): string | null {
  const text = (value ?? "").trim();
  if (text.length > MAX_NOTE) throw new AppError("FAQ_LOG_INVALID", { field }, { field });
  return text === "" ? null : text;
}

/**
 * RG-2: logs a question that reached the agency, from its register entry: date received, requester,
 * subject and channel stay the entry's (read, never retyped); the officer adds the service, the
 * information source and remarks. One row per entry: logging it again returns the row it already has.
 * Another agency's or another unit's entry is not found (FAQ_LOG_ENTRY_NOT_FOUND).
 */
export async function logRequest(
  deps: { handle: DatabaseHandle; clock: Clock },
  input: LogRequestInput,
): Promise<{ row: RequestLogTable; created: boolean }> {
  const informationSource = note(input.informationSource, "informationSource");
  const remarks = note(input.remarks, "remarks");
  return withTransaction(deps.handle, async (trx) => {
    const facts = (await findRequestLogEntries(trx, input.agencyId, [input.entryId])).get(input.entryId);
    if (!facts || !inLogScope(input.officer, facts.unitId)) throw new AppError("FAQ_LOG_ENTRY_NOT_FOUND");
    const existing = await trx
      .selectFrom("request_log")
      .selectAll()
      .where("entry_id", "=", input.entryId)
      .executeTakeFirst();
    if (existing) return { row: existing, created: false };
    if (input.serviceId) await checkService(trx, input.agencyId, input.serviceId);
    const at = deps.clock.now().toISOString();
    const row: RequestLogTable = {
      id: newId(),
      agency_id: input.agencyId,
      entry_id: input.entryId,
      service_id: input.serviceId || null,
      information_source: informationSource,
      remarks,
      answer: null,
      replied_at: null,
      replied_via: null,
      logged_by: input.officer.staffId,
      logged_at: at,
      faq_entry_id: null,
      received_at: facts.receivedAt,
      unit_id: facts.unitId,
    };
    await trx.insertInto("request_log").values(row).execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${input.officer.staffId}`,
      action: "request_log.log",
      subjectType: "request_log",
      subjectId: row.id,
      data: { entryId: input.entryId, serviceId: row.service_id },
      ip: input.ip,
      at,
    });
    return { row, created: true };
  });
}

/** A service named by id must be one of the agency's (read through the catalogue). */
export async function checkService(db: Db, agencyId: string, serviceId: string): Promise<void> {
  const services = await listServices(db, agencyId);
  if (!services.some((s) => s.id === serviceId))
    throw new AppError("FAQ_LOG_INVALID", { field: "service" }, { field: "service" });
}
