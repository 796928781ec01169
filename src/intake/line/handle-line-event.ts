import type { webhook } from "@line/bot-sdk";
import type { Agency } from "../../agencies/index.js";
import { bilingual, type MessageKey } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { findEntry } from "../../register/index.js";
import type { LineEventRow } from "./line.table.js";
import type { LineApi, LineText } from "./line-api.js";
import { receiveFile, refusalMessage } from "./line-content.js";
import type { LineIntakeDeps } from "./line-deps.js";
import { replyToDraftText } from "./line-draft-text.js";
import { acknowledge, draftContents, matterOfOwnEntry, registerDraft } from "./line-drafts.js";
import {
  awaitName,
  findEntryOfNameEvent,
  insertDraft,
  insertDraftItem,
  openDraft,
  setDraftMatter,
  touchDraft,
} from "./line-drafts.repo.js";
import { refuseInGroup } from "./line-groups.js";
import { isLinkCommand, lineLinkReply } from "./line-link-command.js";

export const SUBMIT_DATA = "action=submit";
const SUBMIT_WORDS = ["ยื่นเรื่อง", "submit"];

export const say = (key: MessageKey, params: Record<string, string | number> = {}): LineText => ({
  text: bilingual(key, params),
});
const withSubmitButton = (message: LineText): LineText => ({
  ...message,
  quickReplies: [{ label: "ยื่นเรื่อง / Submit", data: SUBMIT_DATA, displayText: "ยื่นเรื่อง / Submit" }],
});

/**
 * Handles one stored webhook event (CH-10): a conversation is gathered into a draft until the user taps
 * Submit and gives their full name (FM-6); then one entry is registered with every text and file, its
 * receipt time the Submit tap's timestamp (CH-3), and acknowledged by reply token (CH-4).
 */
export async function handleLineEvent(
  deps: LineIntakeDeps,
  agency: Agency,
  api: LineApi,
  row: LineEventRow,
): Promise<void> {
  const event = JSON.parse(row.payload) as webhook.Event;
  const db = deps.handle.db;
  const replyToken = "replyToken" in event ? (event.replyToken as string | undefined) : undefined;
  // A reply token is good for one reply: whatever an event has to say goes in that one (5 messages at most).
  const reply = async (...messages: LineText[]) => {
    if (replyToken && messages.length > 0) await api.reply(replyToken, messages.slice(0, 5));
  };
  const source = event.source;
  if (source && source.type !== "user") {
    return refuseInGroup(
      db,
      agency.id,
      event,
      deps.clock.now().toISOString(),
      reply,
      say("line.groupRefusal"),
    );
  }
  const userId = source?.userId;
  if (!userId) return;
  if (event.type === "follow")
    return reply(withSubmitButton(say("line.greeting", { agency: agency.nameTh })));
  if (event.type !== "message" && event.type !== "postback") return;
  // #16 satisfaction: a postback another room supplies a handler for (a rating's quick reply).
  if (event.type === "postback" && event.postback.data !== SUBMIT_DATA) {
    for (const handler of deps.postbackHandlers ?? []) {
      const answer = await handler({ agencyId: agency.id, userId, data: event.postback.data });
      if (answer) return reply(answer);
    }
  }

  // Handled before, up to the registration: only the acknowledgement may be missing.
  const registeredId = await findEntryOfNameEvent(db, row.id);
  const registered = registeredId ? await findEntry(db, registeredId) : undefined;
  if (registered) {
    if (!registered.acknowledgedAt) await acknowledge(deps, agency, api, registered.id, userId, undefined);
    return;
  }
  const now = deps.clock.now().toISOString();
  let draft = await openDraft(db, agency.id, userId);
  const isSubmit =
    (event.type === "postback" && event.postback.data === SUBMIT_DATA) ||
    (event.type === "message" &&
      event.message.type === "text" &&
      SUBMIT_WORDS.includes((event.message as webhook.TextMessageContent).text.trim().toLowerCase()));

  if (isSubmit) {
    // Tapped again while the name is awaited: ask for the name again (the receipt time stays the first tap).
    if (draft?.status === "awaiting_name") return reply(say("line.askName"));
    if (draft?.status !== "open") return reply(say("line.nothingToSubmit"));
    // Files that were all refused make no request: ask for text or a valid file before registering.
    const contents = await draftContents(db, draft.id);
    if (contents.items === 0) return reply(say("line.nothingToSubmit"));
    if (contents.acceptable === 0) return reply(say("line.onlyRefusedFiles"));
    // CH-3: the Submit tap is when the request entered the system; the name is asked next (FM-6).
    await awaitName(db, draft.id, row.event_at, now);
    return reply(say("line.askName"));
  }

  if (event.type !== "message") return;
  const message = event.message;
  if (message.type === "sticker") return;
  // #13 my-data: a command, not part of a request.
  if (message.type === "text" && isLinkCommand((message as webhook.TextMessageContent).text))
    return reply(await lineLinkReply(deps, agency, userId));

  if (draft?.status === "awaiting_name" && message.type === "text") {
    const name = (message as webhook.TextMessageContent).text.trim();
    if (name.length < 2 || name.length > 200 || /https?:|[\p{Cc}\u2028\u2029]/u.test(name))
      return reply(say("line.nameInvalid"));
    const entryId = await registerDraft(deps, agency, draft, name, row.id);
    return acknowledge(deps, agency, api, entryId, userId, replyToken);
  }

  const said: LineText[] = [];
  if (!draft) {
    draft = {
      id: newId(),
      agency_id: agency.id,
      user_id: userId,
      status: "open",
      full_name: null,
      submitted_at: null,
      entry_id: null,
      matter_id: null,
      name_event_id: null,
      opened_at: now,
      last_activity_at: now,
      ack_started_at: null,
      ack_uncertain_at: null,
    };
    await insertDraft(db, draft);
    said.push(withSubmitButton(say("line.draftStarted")));
  }

  const item = {
    id: newId(),
    draft_id: draft.id,
    event_id: row.id,
    // The event's own time, so the request's parts keep the order the user sent them in.
    created_at: row.event_at,
    line_message_id: message.id,
  };
  if (message.type === "text") {
    const written = (message as webhook.TextMessageContent).text;
    await insertDraftItem(db, { ...item, kind: "text", text: written });
    // A follow-up joins its matter only when the number is of this same LINE user's own entry.
    const matterId = draft.matter_id ?? (await matterOfOwnEntry(db, agency.id, userId, written));
    if (matterId && !draft.matter_id) {
      await setDraftMatter(db, draft.id, matterId);
    }
  } else if (["image", "video", "audio", "file"].includes(message.type)) {
    const screened = await receiveFile(api, deps.files, message, deps.maxFileBytes);
    await insertDraftItem(db, {
      ...item,
      kind: "file",
      filename: screened.filename,
      media_type: screened.mediaType,
      size: screened.size,
      sha256: screened.sha256,
      storage_key: screened.storageKey,
      refusal_code: screened.refusalCode,
    });
    // FM-3: told at once, whatever the reason, so the user can send a valid file while still in the chat.
    if (screened.refusalCode) said.push(refusalMessage(screened, deps.maxFileBytes));
  }
  await touchDraft(db, draft.id, now);
  // #17 assistline: a text in the open draft may get an extra answer (IF-4); the draft is saved already.
  if (message.type === "text" && draft.status === "open") {
    const text = (message as webhook.TextMessageContent).text;
    const asked = { agencyId: agency.id, userId, draftId: draft.id, eventId: row.id, text, replyToken };
    return replyToDraftText(deps, api, asked, said);
  }
  await reply(...said);
}
