import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { WebboardReportsTable } from "./webboard.table.js";

export type ReportRow = WebboardReportsTable;
const REASON_MAX = 500;

/**
 * A signed-in citizen reports a topic (postId null) or a post, with a reason, once per item. Throws
 * WEBBOARD_TOPIC_NOT_FOUND / WEBBOARD_POST_NOT_FOUND (none, another agency's, hidden topic),
 * WEBBOARD_REASON_REQUIRED, WEBBOARD_ALREADY_REPORTED.
 */
export async function reportWebboardItem(
  deps: { handle: DatabaseHandle; clock: Clock },
  reporter: { agencyId: string; accountId: string },
  input: { topicId: string; postId: string | null; reason: string },
): Promise<void> {
  const reason = input.reason.normalize("NFC").trim();
  if (reason === "" || reason.length > REASON_MAX) throw new AppError("WEBBOARD_REASON_REQUIRED");
  const at = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const topic = await trx
      .selectFrom("webboard_topics")
      .select(["id", "status"])
      .where("agency_id", "=", reporter.agencyId)
      .where("id", "=", input.topicId)
      .executeTakeFirst();
    if (!topic || topic.status === "hidden") throw new AppError("WEBBOARD_TOPIC_NOT_FOUND");
    if (input.postId) {
      const post = await trx
        .selectFrom("webboard_posts")
        .select("id")
        .where("topic_id", "=", topic.id)
        .where("id", "=", input.postId)
        .executeTakeFirst();
      if (!post) throw new AppError("WEBBOARD_POST_NOT_FOUND");
    }
    let earlier = trx
      .selectFrom("webboard_reports")
      .select("id")
      .where("topic_id", "=", topic.id)
      .where("reporter_account_id", "=", reporter.accountId);
    earlier = input.postId
      ? earlier.where("post_id", "=", input.postId)
      : earlier.where("post_id", "is", null);
    if (await earlier.executeTakeFirst()) throw new AppError("WEBBOARD_ALREADY_REPORTED");
    const id = newId();
    await trx
      .insertInto("webboard_reports")
      .values({
        id,
        agency_id: reporter.agencyId,
        topic_id: topic.id,
        post_id: input.postId,
        reporter_account_id: reporter.accountId,
        reason,
        created_at: at,
        resolved_at: null,
        resolved_by: null,
        outcome: null,
      })
      .execute();
    await recordAudit(trx, {
      agencyId: reporter.agencyId,
      actor: `citizen:${reporter.accountId}`,
      action: "webboard.report",
      subjectType: "webboard_report",
      subjectId: id,
      data: { topicId: topic.id, postId: input.postId },
      at,
    });
  });
}

/** The agency's open reports, oldest first. */
export async function listOpenReports(db: Db, agencyId: string, limit = 100): Promise<ReportRow[]> {
  return db
    .selectFrom("webboard_reports")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("resolved_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** A moderator closes a report with an outcome. Throws NOT_FOUND (none, another agency's, resolved). */
export async function resolveWebboardReport(
  deps: { handle: DatabaseHandle; clock: Clock },
  actor: { agencyId: string; staffId: string },
  input: { reportId: string; outcome: string },
): Promise<void> {
  const outcome = input.outcome.normalize("NFC").trim().slice(0, REASON_MAX) || "resolved";
  const at = deps.clock.now().toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const done = await trx
      .updateTable("webboard_reports")
      .set({ resolved_at: at, resolved_by: actor.staffId, outcome })
      .where("agency_id", "=", actor.agencyId)
      .where("id", "=", input.reportId)
      .where("resolved_at", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError("NOT_FOUND");
    await recordAudit(trx, {
      agencyId: actor.agencyId,
      actor: `staff:${actor.staffId}`,
      action: "webboard.report.resolve",
      subjectType: "webboard_report",
      subjectId: input.reportId,
      data: { outcome },
      at,
    });
  });
}
