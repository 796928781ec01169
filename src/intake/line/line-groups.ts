import type { webhook } from "@line/bot-sdk";
import type { Db } from "../../platform/db/database.js";
import { claimGroupRefusal, forgetGroupRefusal } from "./line.repo.js";
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
  const forget = () => forgetGroupRefusal(db, agencyId, chatId);
  if (event.type === "leave") {
    await forget();
    return;
  }
  if (event.type !== "message" && event.type !== "join") return;
  if (!("replyToken" in event) || !event.replyToken) return;
  if (!(await claimGroupRefusal(db, agencyId, chatId, at))) return;
  try {
    await reply(refusal);
  } catch (error) {
    await forget();
    throw error;
  }
}
