import { recordAudit } from "../audit/index.js";
import { bumpCacheVersion } from "../platform/cache-versions/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { checkNotice, NOTICE_ACTIONS, type NoticeInput } from "./notice-rules.js";
import { findNotice, NOTICES_SCOPE, type ServiceNotice } from "./notices.repo.js";
import type { NoticeActor } from "./post-notice.js";

export type NoticeAction = { action: "edit"; input: NoticeInput } | { action: "withdraw" };

/**
 * WS-4: edits or withdraws a notice — the one writer of a notice's changes: checks the action against
 * the status table, writes the change and its audit row in one transaction.
 * @throws STATUS_NOTICE_NOT_FOUND, STATUS_NOTICE_WITHDRAWN, STATUS_NOTICE_STALE, STATUS_NOTICE_INVALID,
 *   STATUS_NOTICE_TOO_SOON
 */
export async function recordNoticeAction(
  deps: { handle: DatabaseHandle; clock: Clock },
  agencyId: string,
  noticeId: string,
  act: NoticeAction,
  by: NoticeActor,
): Promise<ServiceNotice> {
  const now = deps.clock.now();
  const at = now.toISOString();
  return withTransaction(deps.handle, async (trx) => {
    const notice = await findNotice(trx, agencyId, noticeId);
    if (!notice) throw new AppError("STATUS_NOTICE_NOT_FOUND");
    if (!NOTICE_ACTIONS[notice.status].includes(act.action)) throw new AppError("STATUS_NOTICE_WITHDRAWN");
    let changes: Partial<ServiceNotice>;
    if (act.action === "withdraw") changes = { status: "withdrawn" };
    else {
      const facts = checkNotice(act.input, now, {
        kind: notice.kind,
        startsAt: new Date(notice.starts_at),
        shownFrom: new Date(notice.shown_from),
        emergencyReason: notice.emergency_reason,
      });
      changes = {
        kind: facts.kind,
        text_th: facts.textTh,
        text_en: facts.textEn,
        starts_at: facts.startsAt.toISOString(),
        ends_at: facts.endsAt?.toISOString() ?? null,
        shown_from: facts.shownFrom.toISOString(),
        emergency_reason: facts.emergencyReason,
      };
    }
    const updated = await trx
      .updateTable("service_notices")
      .set({ ...changes, updated_at: at })
      .where("id", "=", notice.id)
      .where("status", "=", notice.status)
      .where("updated_at", "=", notice.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError("STATUS_NOTICE_STALE");
    await bumpCacheVersion(trx, NOTICES_SCOPE, at);
    const after = { ...notice, ...changes, updated_at: at };
    await recordAudit(trx, {
      agencyId,
      actor: by.actor,
      action: `service-status.${act.action}`,
      subjectType: "service_notice",
      subjectId: notice.id,
      data: {
        kind: after.kind,
        status: { from: notice.status, to: after.status },
        startsAt: after.starts_at,
        endsAt: after.ends_at,
        emergency: !!after.emergency_reason && after.emergency_reason !== notice.emergency_reason,
      },
      ip: by.ip,
      at,
    });
    return after;
  });
}
