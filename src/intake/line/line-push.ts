import type { Db } from "../../platform/db/database.js";
import { findLineChannel } from "./line.repo.js";
import { createLineApi, type LineText } from "./line-api.js";

/**
 * #12 notifications (TR-2): one text pushed to a LINE user of the agency's channel. `retryKey` (a UUID,
 * e.g. the notification's id) makes LINE send it at most once however often it is retried. Answers
 * `not_configured` when the agency has no channel or its token is not set: nothing is called sent.
 * Throws what LINE answered when the push fails.
 */
export async function pushLineText(
  deps: { db: Db; env: NodeJS.ProcessEnv },
  agencyId: string,
  lineUserId: string,
  text: string,
  retryKey: string,
  // #16 satisfaction: buttons under the text (a closed matter's ratings 1..5)
  quickReplies?: LineText["quickReplies"],
): Promise<"sent" | "not_configured"> {
  const channel = await findLineChannel(deps.db, agencyId);
  if (!channel || !deps.env[channel.token_env]) return "not_configured";
  await createLineApi(channel, deps.env).push(lineUserId, [{ text, quickReplies }], retryKey);
  return "sent";
}
