import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { refreshTopicCounts } from "./webboard.repo.js";
import { reindexWebboardTopic } from "./webboard-search.js";

/** What a moderator may do to a topic or a post, from which status to which: the workflow as data. */
export const MODERATION_ACTIONS = {
  "topic.hide": { item: "topic", from: ["open", "closed"], to: "hidden", needsReason: true },
  "topic.restore": { item: "topic", from: ["hidden"], to: "open", needsReason: false },
  "topic.close": { item: "topic", from: ["open"], to: "closed", needsReason: false },
  "topic.reopen": { item: "topic", from: ["closed"], to: "open", needsReason: false },
  "post.hide": { item: "post", from: ["visible"], to: "hidden", needsReason: true },
  "post.restore": { item: "post", from: ["hidden"], to: "visible", needsReason: false },
} as const;
export type ModerationAction = keyof typeof MODERATION_ACTIONS;

export const isModerationAction = (value: string): value is ModerationAction =>
  Object.hasOwn(MODERATION_ACTIONS, value);

/** The actions the table allows on an item in `status`. */
export const moderationActionsFor = (item: "topic" | "post", status: string): ModerationAction[] =>
  (Object.keys(MODERATION_ACTIONS) as ModerationAction[]).filter((name) => {
    const rule = MODERATION_ACTIONS[name];
    return rule.item === item && (rule.from as readonly string[]).includes(status);
  });

/**
 * Moderation (WB-1, bad input): the one function that changes a topic's or a post's status. Writes the
 * status, the reason (a hiding needs one; it is shown in place of the text), the topic's counts and
 * search words (`reindexWebboardTopic`) and the audit row in one transaction. Throws
 * WEBBOARD_TOPIC_NOT_FOUND / WEBBOARD_POST_NOT_FOUND (none or another agency's),
 * WEBBOARD_REASON_REQUIRED, WEBBOARD_MODERATION_NOT_ALLOWED (the table does not allow it from here).
 */
export async function moderateWebboard(
  deps: { handle: DatabaseHandle; clock: Clock },
  actor: { agencyId: string; staffId: string },
  input: { action: ModerationAction; id: string; reason: string },
): Promise<{ topicId: string }> {
  const rule = MODERATION_ACTIONS[input.action];
  const reason = input.reason.normalize("NFC").trim();
  if (rule.needsReason && (reason === "" || reason.length > 500))
    throw new AppError("WEBBOARD_REASON_REQUIRED");
  const at = deps.clock.now().toISOString();
  return withTransaction(deps.handle, async (trx) => {
    const table = rule.item === "topic" ? "webboard_topics" : "webboard_posts";
    const row = await trx
      .selectFrom(table)
      .select(["id", "status"])
      .select(rule.item === "topic" ? "id as topic_id" : "topic_id")
      .where("agency_id", "=", actor.agencyId)
      .where("id", "=", input.id)
      .executeTakeFirst();
    if (!row)
      throw new AppError(rule.item === "topic" ? "WEBBOARD_TOPIC_NOT_FOUND" : "WEBBOARD_POST_NOT_FOUND");
    if (!(rule.from as readonly string[]).includes(row.status))
      throw new AppError("WEBBOARD_MODERATION_NOT_ALLOWED");
    const hidden =
      rule.to === "hidden"
        ? { hidden_reason: reason, hidden_by: actor.staffId, hidden_at: at }
        : { hidden_reason: null, hidden_by: null, hidden_at: null };
    const set = rule.item === "topic" && rule.to === "closed" ? {} : hidden;
    await trx
      .updateTable(table)
      .set({ status: rule.to, ...set } as never)
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .execute();
    const topicId = String(row.topic_id);
    if (rule.item === "post") await refreshTopicCounts(trx, topicId);
    await reindexWebboardTopic(trx, topicId);
    await recordAudit(trx, {
      agencyId: actor.agencyId,
      actor: `staff:${actor.staffId}`,
      action: `webboard.${input.action}`,
      subjectType: rule.item === "topic" ? "webboard_topic" : "webboard_post",
      subjectId: row.id,
      data: { topicId, from: row.status, to: rule.to, reason: reason || undefined },
      at,
    });
    return { topicId };
  });
}
