import type { webhook } from "@line/bot-sdk";
import type { ExpressionBuilder } from "kysely";
import { type Agency, findAgency } from "../../agencies/index.js";
import { loadBusinessCalendar } from "../../calendar/index.js";
import type { Clock } from "../../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../../platform/db/database.js";
import type { Database } from "../../platform/db/schema.js";
import { bilingual, type MessageKey } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import {
  composeAcknowledgement,
  listAttachments,
  markAcknowledged,
  registerEntry,
  trackingUrl,
} from "../../register/index.js";
import { screenFiles } from "../attachments/index.js";
import type { LineChannelRow, LineDraftRow, LineEventRow } from "./line.table.js";
import { createLineApi, type LineApi, type LineText } from "./line-api.js";

export interface LineIntakeDeps {
  handle: DatabaseHandle;
  clock: Clock;
  files: FileStore;
  secret: string;
  publicUrl: string;
  maxFileBytes: number;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
}

export const SUBMIT_DATA = "action=submit";
const SUBMIT_WORDS = ["ยื่นเรื่อง", "submit"];
const DOWNLOAD_ATTEMPTS = 3;
const EVENT_LEASE_MS = 5 * 60_000;

const say = (key: MessageKey, params: Record<string, string | number> = {}): LineText => ({
  text: bilingual(key, params),
});
const withSubmitButton = (message: LineText): LineText => ({
  ...message,
  quickReplies: [{ label: "ยื่นเรื่อง / Submit", data: SUBMIT_DATA, displayText: "ยื่นเรื่อง / Submit" }],
});

async function openDraft(db: Db, agencyId: string, userId: string): Promise<LineDraftRow | undefined> {
  return db
    .selectFrom("line_drafts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("user_id", "=", userId)
    .where("status", "in", ["open", "awaiting_name"])
    .orderBy("opened_at", "desc")
    .executeTakeFirst();
}

/** The matter of the user's own entry whose receipt number the text quotes, if any. */
async function matterOfOwnEntry(db: Db, agencyId: string, userId: string, text: string) {
  const written = /(\d{1,9})\/(25\d\d)/.exec(text);
  if (!written) return undefined;
  const own = await db
    .selectFrom("entries")
    .select("matter_id")
    .where("agency_id", "=", agencyId)
    .where("be_year", "=", Number(written[2]))
    .where("sequence", "=", Number(written[1]))
    .where("line_user_id", "=", userId)
    .executeTakeFirst();
  return own?.matter_id;
}

/** Fetches a user's file at once (LINE keeps it only a while), retrying a failed download. */
async function download(api: LineApi, messageId: string): Promise<Buffer | undefined> {
  for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
    try {
      return await api.content(messageId);
    } catch {
      if (attempt < DOWNLOAD_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  return undefined;
}

function fileNameOf(message: webhook.MessageContent): string {
  if (message.type === "file") return (message as webhook.FileMessageContent).fileName;
  const extension = { image: "jpg", video: "mp4", audio: "m4a" }[message.type as "image" | "video" | "audio"];
  return `line-${message.type}-${message.id}.${extension ?? "bin"}`;
}

/**
 * Handles one stored webhook event (CH-10): a conversation is gathered into a draft until the user taps
 * Submit and gives their full name (FM-6); then one entry is registered with every text and file, its
 * receipt time the Submit tap's timestamp (CH-3), and acknowledged by reply token (CH-4).
 */
async function handleEvent(
  deps: LineIntakeDeps,
  agency: Agency,
  api: LineApi,
  row: LineEventRow,
): Promise<void> {
  const event = JSON.parse(row.payload) as webhook.Event;
  const db = deps.handle.db;
  const replyToken = "replyToken" in event ? (event.replyToken as string | undefined) : undefined;
  const reply = async (...messages: LineText[]) => {
    if (replyToken) await api.reply(replyToken, messages);
  };
  const source = event.source;
  if (source && source.type !== "user") {
    // Ordinary LINE groups are no place for documents (004 §2): point to the one-to-one chat.
    if (event.type === "message" || event.type === "join") await reply(say("line.groupRefusal"));
    return;
  }
  const userId = source?.userId;
  if (!userId) return;
  if (event.type === "follow")
    return reply(withSubmitButton(say("line.greeting", { agency: agency.nameTh })));
  if (event.type !== "message" && event.type !== "postback") return;

  // Handled before, up to the registration: only the acknowledgement may be missing.
  const registered = await db
    .selectFrom("line_drafts")
    .innerJoin("entries", "entries.id", "line_drafts.entry_id")
    .select(["entries.id", "entries.acknowledged_at"])
    .where("line_drafts.name_event_id", "=", row.id)
    .executeTakeFirst();
  if (registered) {
    if (!registered.acknowledged_at) await acknowledge(deps, agency, api, registered.id, userId, undefined);
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
    const items = await db
      .selectFrom("line_draft_items")
      .select("id")
      .where("draft_id", "=", draft.id)
      .execute();
    if (items.length === 0) return reply(say("line.nothingToSubmit"));
    // CH-3: the Submit tap is when the request entered the system; the name is asked next (FM-6).
    await db
      .updateTable("line_drafts")
      .set({ status: "awaiting_name", submitted_at: row.event_at, last_activity_at: now })
      .where("id", "=", draft.id)
      .execute();
    return reply(say("line.askName"));
  }

  if (event.type !== "message") return;
  const message = event.message;
  if (message.type === "sticker") return;

  if (draft?.status === "awaiting_name" && message.type === "text") {
    const name = (message as webhook.TextMessageContent).text.trim();
    if (name.length < 2 || name.length > 200 || /https?:|\n/.test(name))
      return reply(say("line.nameInvalid"));
    const entryId = await registerDraft(deps, agency, draft, name, row.id);
    return acknowledge(deps, agency, api, entryId, userId, replyToken);
  }

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
    };
    await db.insertInto("line_drafts").values(draft).execute();
    await reply(withSubmitButton(say("line.draftStarted")));
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
    await db
      .insertInto("line_draft_items")
      .values({ ...item, kind: "text", text: written })
      .onConflict((oc) => oc.columns(["draft_id", "event_id"]).doNothing())
      .execute();
    // A follow-up joins its matter only when the number is of this same LINE user's own entry.
    const matterId = draft.matter_id ?? (await matterOfOwnEntry(db, agency.id, userId, written));
    if (matterId && !draft.matter_id) {
      await db.updateTable("line_drafts").set({ matter_id: matterId }).where("id", "=", draft.id).execute();
    }
  } else if (["image", "video", "audio", "file"].includes(message.type)) {
    const filename = fileNameOf(message);
    const bytes = await download(api, message.id);
    // A file that could not be fetched is kept as a refusal with its reason, never silently dropped.
    const [screened] = bytes
      ? await screenFiles(deps.files, [{ filename, bytes, size: bytes.byteLength }], deps.maxFileBytes)
      : [
          {
            filename,
            size: 0,
            mediaType: null,
            sha256: null,
            storageKey: null,
            viewableKey: null,
            refusalCode: "DOWNLOAD_FAILED",
          },
        ];
    await db
      .insertInto("line_draft_items")
      .values({
        ...item,
        kind: "file",
        filename: screened!.filename,
        media_type: screened!.mediaType,
        size: screened!.size,
        sha256: screened!.sha256,
        storage_key: screened!.storageKey,
        refusal_code: screened!.refusalCode,
      })
      .onConflict((oc) => oc.columns(["draft_id", "event_id"]).doNothing())
      .execute();
    if (!bytes) await reply(say("line.downloadFailed", { filename }));
  }
  await db.updateTable("line_drafts").set({ last_activity_at: now }).where("id", "=", draft.id).execute();
}

/** RG-1: the draft becomes one entry with all its texts and files, in one transaction. */
async function registerDraft(
  deps: LineIntakeDeps,
  agency: Agency,
  draft: LineDraftRow,
  name: string,
  nameEventId: string,
) {
  const db = deps.handle.db;
  const items = await db
    .selectFrom("line_draft_items")
    .selectAll()
    .where("draft_id", "=", draft.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const texts = items.filter((i) => i.kind === "text").map((i) => i.text ?? "");
  const body = texts.join("\n\n");
  const firstLine =
    body
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  const calendar = await loadBusinessCalendar(db, agency);
  const entryId = newId();
  await withTransaction(deps.handle, async (trx) => {
    await registerEntry(
      trx,
      {
        id: entryId,
        agencyId: agency.id,
        channel: "line",
        senderName: name,
        subject: firstLine.slice(0, 120) || bilingual("line.subjectDefault"),
        body,
        language: /[\u0e01-\u0e5b]/.test(body + name) ? "th" : "en",
        // FM-6: the full name typed in the chat is the type-1 signature.
        signature: `${name} (LINE)`,
        receivedAt: new Date(draft.submitted_at ?? deps.clock.now().toISOString()),
        matterId: draft.matter_id ?? undefined,
        addressee: agency.nameTh,
        attachments: items
          .filter((i) => i.kind === "file")
          .map((i) => ({
            filename: i.filename ?? "file",
            mediaType: i.media_type,
            size: Number(i.size ?? 0),
            sha256: i.sha256,
            storageKey: i.storage_key,
            viewableKey: null,
            refusalCode: i.refusal_code,
          })),
      },
      { clock: deps.clock, calendar, actor: "system:line" },
    );
    await trx.updateTable("entries").set({ line_user_id: draft.user_id }).where("id", "=", entryId).execute();
    await trx
      .updateTable("line_drafts")
      .set({ status: "submitted", full_name: name, entry_id: entryId, name_event_id: nameEventId })
      .where("id", "=", draft.id)
      .where("status", "=", "awaiting_name")
      .execute();
  });
  return entryId;
}

/**
 * CH-4: the acknowledgement goes by the reply token (free of the monthly push quota); by push only when
 * the token can no longer be used. The push carries the entry id as its retry key: sent at most once.
 */
async function acknowledge(
  deps: LineIntakeDeps,
  agency: Agency,
  api: LineApi,
  entryId: string,
  userId: string,
  replyToken: string | undefined,
) {
  const db = deps.handle.db;
  const entry = (await db.selectFrom("entries").selectAll().where("id", "=", entryId).executeTakeFirst())!;
  const { entryFromRow } = await import("../../register/entries.repo.js");
  const current = entryFromRow(entry);
  const { text } = composeAcknowledgement(
    agency,
    current,
    trackingUrl(deps, agency.id, current),
    await listAttachments(db, entryId),
    deps.maxFileBytes,
  );
  let via = "line-reply";
  try {
    if (!replyToken) throw new Error("no reply token");
    await api.reply(replyToken, [{ text }]);
  } catch {
    via = "line-push";
    await api.push(userId, [{ text }], entryId);
  }
  await markAcknowledged(db, entryId, deps.clock.now().toISOString(), via);
}

export interface LineProcessor {
  /** Handles every stored event not yet handled. */
  drain(): Promise<void>;
  /** Drafts left quiet for the channel's `quiet_minutes` are submitted (the name is asked by push); then drain. */
  sweep(): Promise<void>;
  /** Finishes the event in hand and takes no more (the rest stay pending for the next start). */
  stop(): Promise<void>;
}

/** Processes stored events in the order LINE stamped them; a failed one is retried, then left failed. */
export function createLineProcessor(deps: LineIntakeDeps): LineProcessor {
  let running: Promise<void> | undefined;
  let stopping = false;
  const apis = new Map<string, { settings: string; api: LineApi }>();
  // The channel row is read afresh for each event and sweep; the client is rebuilt when what it depends
  // on changed, so changed LINE settings take effect without a restart.
  const apiFor = (channel: LineChannelRow): LineApi => {
    const settings = JSON.stringify([
      channel.token_env,
      deps.env[channel.token_env] ?? "",
      channel.api_base_url,
      channel.data_api_base_url,
    ]);
    const cached = apis.get(channel.agency_id);
    if (cached?.settings === settings) return cached.api;
    const api = createLineApi(channel, deps.env);
    apis.set(channel.agency_id, { settings, api });
    return api;
  };

  async function drainOnce() {
    while (!stopping) {
      const nowIso = deps.clock.now().toISOString();
      // A worker that died mid-event leaves an expired lease: the event is handled again (handling is
      // idempotent: items are unique per event, a registered draft only finishes its acknowledgement).
      const due = (eb: ExpressionBuilder<Database, "line_events">) =>
        eb.or([
          eb("status", "=", "pending"),
          eb.and([eb("status", "=", "processing"), eb("lease_until", "<", nowIso)]),
        ]);
      const next = await deps.handle.db
        .selectFrom("line_events")
        .selectAll()
        .where(due)
        .orderBy("event_at")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst();
      if (!next) return;
      const claimed = await deps.handle.db
        .updateTable("line_events")
        .set((eb) => ({
          status: "processing",
          lease_until: new Date(deps.clock.now().getTime() + EVENT_LEASE_MS).toISOString(),
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "=", next.id)
        .where(due)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        const agency = await findAgency(deps.handle.db, next.agency_id);
        const channel = await deps.handle.db
          .selectFrom("line_channels")
          .selectAll()
          .where("agency_id", "=", next.agency_id)
          .executeTakeFirst();
        if (!agency || !channel) throw new Error("agency or LINE channel is gone");
        await handleEvent(deps, agency, apiFor(channel as LineChannelRow), next);
        await deps.handle.db
          .updateTable("line_events")
          .set({ status: "done", lease_until: null, processed_at: deps.clock.now().toISOString() })
          .where("id", "=", next.id)
          .execute();
      } catch (error) {
        deps.log(`line: event ${next.webhook_event_id} failed: ${String(error)}`);
        const retry = next.attempts + 1 < 3;
        await deps.handle.db
          .updateTable("line_events")
          .set({
            status: retry ? "pending" : "failed",
            lease_until: null,
            last_error: String(error).slice(0, 500),
          })
          .where("id", "=", next.id)
          .execute();
        if (retry) return;
      }
    }
  }

  const drain = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  /**
   * CH-10: a conversation left quiet for the channel's quiet time counts as submitted when that time
   * passed (its receipt time, CH-3); the full name is asked by push (FM-6), sent at most once.
   */
  async function submitQuietDrafts() {
    const db = deps.handle.db;
    const channels = await db.selectFrom("line_channels").selectAll().where("enabled", "=", 1).execute();
    for (const channel of channels) {
      const quietMs = Number(channel.quiet_minutes) * 60_000;
      const drafts = await db
        .selectFrom("line_drafts")
        .selectAll()
        .where("agency_id", "=", channel.agency_id)
        .where("status", "=", "open")
        .execute();
      for (const draft of drafts) {
        const last = await db
          .selectFrom("line_draft_items")
          .select((eb) => eb.fn.max("created_at").as("at"))
          .where("draft_id", "=", draft.id)
          .executeTakeFirst();
        if (!last?.at) continue;
        const quietSince = new Date(String(last.at)).getTime() + quietMs;
        if (quietSince > deps.clock.now().getTime()) continue;
        const moved = await db
          .updateTable("line_drafts")
          .set({ status: "awaiting_name", submitted_at: new Date(quietSince).toISOString() })
          .where("id", "=", draft.id)
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) continue;
        await apiFor(channel).push(draft.user_id, [say("line.askNameQuiet")], draft.id);
      }
    }
  }

  return {
    drain,
    async sweep() {
      if (stopping) return;
      await submitQuietDrafts();
      await drain();
    },
    async stop() {
      stopping = true;
      await running?.catch(() => undefined);
    },
  };
}
