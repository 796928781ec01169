import { recordAudit } from "../audit/index.js";
import { bumpCacheVersion } from "../platform/cache-versions/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { checkNotice, type NoticeInput } from "./notice-rules.js";
import { NOTICES_SCOPE, type ServiceNotice } from "./notices.repo.js";

/** Who acts and from where, for the audit row. */
export interface NoticeActor {
  actor: string;
  ip?: string;
}

/**
 * WS-4: posts a status notice for the agency; a planned downtime less than 24 hours ahead only as an
 * emergency with a reason (the audit row says it was one).
 * @throws STATUS_NOTICE_INVALID, STATUS_NOTICE_TOO_SOON
 */
export async function postNotice(
  deps: { handle: DatabaseHandle; clock: Clock },
  agencyId: string,
  input: NoticeInput,
  by: NoticeActor,
): Promise<ServiceNotice> {
  const now = deps.clock.now();
  const facts = checkNotice(input, now);
  const at = now.toISOString();
  const row: ServiceNotice = {
    id: newId(),
    agency_id: agencyId,
    kind: facts.kind,
    text_th: facts.textTh,
    text_en: facts.textEn,
    starts_at: facts.startsAt.toISOString(),
    ends_at: facts.endsAt?.toISOString() ?? null,
    shown_from: facts.shownFrom.toISOString(),
    emergency_reason: facts.emergencyReason,
    status: "active",
    created_at: at,
    created_by: by.actor,
    updated_at: at,
  };
  await withTransaction(deps.handle, async (trx) => {
    await trx.insertInto("service_notices").values(row).execute();
    await bumpCacheVersion(trx, NOTICES_SCOPE, at);
    await recordAudit(trx, {
      agencyId,
      actor: by.actor,
      action: "service-status.post",
      subjectType: "service_notice",
      subjectId: row.id,
      data: {
        kind: row.kind,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        emergency: !!row.emergency_reason,
      },
      ip: by.ip,
      at,
    });
  });
  return row;
}
