import type { webhook } from "@line/bot-sdk";
import type { Db } from "../../platform/db/database.js";
import type { LineText } from "./line-api.js";

/**
 * An event from a group or chat room. Ordinary LINE groups are no place for documents (004 §2), so the
 * chat is pointed to the one-to-one chat, once: the first message or join claims the chat's row (an
 * insert that concurrent events cannot both win), and only the winner answers. When the answer could not
 * be sent the claim is given back, so a later event tries again. The account being removed (`leave`)
 * forgets the chat: if it is added again, it is told again.
 */
export async function refuseInGroup(
  db: Db,
  agencyId: string,
  event: webhook.Event,
  at: string,
  reply: (message: LineText) => Promise<void>,
  refusal: LineText,
): Promise<void> {
  const source = event.source as webhook.GroupSource | webhook.RoomSource;
  const chatId = source.type === "group" ? source.groupId : source.roomId;
  const forget = () =>
    db
      .deleteFrom("line_group_refusals")
      .where("agency_id", "=", agencyId)
      .where("chat_id", "=", chatId)
      .execute();
  if (event.type === "leave") {
    await forget();
    return;
  }
  if (event.type !== "message" && event.type !== "join") return;
  if (!("replyToken" in event) || !event.replyToken) return;
  const claimed = await db
    .insertInto("line_group_refusals")
    .values({ agency_id: agencyId, chat_id: chatId, refused_at: at })
    .onConflict((oc) => oc.columns(["agency_id", "chat_id"]).doNothing())
    .returning("chat_id")
    .executeTakeFirst();
  if (!claimed) return;
  try {
    await reply(refusal);
  } catch (error) {
    await forget();
    throw error;
  }
}
