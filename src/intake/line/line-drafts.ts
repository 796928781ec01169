import type { Agency } from "../../agencies/index.js";
import { loadBusinessCalendar } from "../../calendar/index.js";
import { type Db, withTransaction } from "../../platform/db/database.js";
import { failpoint } from "../../platform/failpoint.js";
import { bilingual } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import {
  composeAcknowledgement,
  findEntry,
  findLineUsersMatter,
  listAttachments,
  recordAction,
  registerEntry,
  trackingUrl,
} from "../../register/index.js";
import type { LineDraftRow } from "./line.table.js";
import {
  clearLineAcknowledgementStart,
  markLineAcknowledgementUncertain,
  startLineAcknowledgement,
} from "./line-ack-state.repo.js";
import type { LineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import { listDraftItems, markDraftRegistered } from "./line-drafts.repo.js";

/** The matter of the user's own entry whose receipt number the text quotes, if any. */
export async function matterOfOwnEntry(db: Db, agencyId: string, userId: string, text: string) {
  const written = /(\d{1,9})\/(25\d\d)/.exec(text);
  if (!written) return undefined;
  return findLineUsersMatter(db, agencyId, userId, {
    beYear: Number(written[2]),
    sequence: Number(written[1]),
  });
}

/** What a draft holds: its items, and those that can make a request (a text, or a file not refused). */
export async function draftContents(db: Db, draftId: string): Promise<{ items: number; acceptable: number }> {
  const items = await listDraftItems(db, draftId);
  const acceptable = items.filter((i) =>
    i.kind === "text" ? (i.text ?? "").trim() !== "" : i.refusal_code === null,
  );
  return { items: items.length, acceptable: acceptable.length };
}

const SUBJECT_MAX = 120;

/**
 * The entry's subject: the first line of what the user wrote, on one line (a register column and a mail
 * subject cannot take a line break), at most 120 characters, cut at a whole character with an ellipsis.
 */
export function subjectOf(body: string): string {
  const line =
    body
      .split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/)
      .map((l) => l.replace(/[\s\p{Cc}]+/gu, " ").trim())
      .find((l) => l !== "") ?? "";
  const chars = Array.from(line);
  if (chars.length <= SUBJECT_MAX) return line;
  const cut = chars.slice(0, SUBJECT_MAX - 1).join("");
  return `${cut.trimEnd()}…`;
}

/** RG-1: the draft becomes one entry with all its texts and files, in one transaction. */
export async function registerDraft(
  deps: LineIntakeDeps,
  agency: Agency,
  draft: LineDraftRow,
  name: string,
  nameEventId: string,
) {
  const db = deps.handle.db;
  const items = await listDraftItems(db, draft.id);
  const texts = items.filter((i) => i.kind === "text").map((i) => i.text ?? "");
  const body = texts.join("\n\n");
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
        subject: subjectOf(body) || bilingual("line.subjectDefault"),
        body,
        language: /[\u0e01-\u0e5b]/.test(body + name) ? "th" : "en",
        // FM-6: the full name typed in the chat is the type-1 signature.
        signature: `${name} (LINE)`,
        receivedAt: new Date(draft.submitted_at ?? deps.clock.now().toISOString()),
        matterId: draft.matter_id ?? undefined,
        addressee: agency.nameTh,
        lineUserId: draft.user_id,
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
    await markDraftRegistered(trx, draft.id, { fullName: name, entryId, nameEventId });
  });
  return entryId;
}

/**
 * CH-4: the acknowledgement goes by the reply token (free of the monthly push quota); by push only when
 * the token can no longer be used. The push carries the entry id as its retry key: sent at most once.
 * #18 line-ack: marked started (committed) before LINE is called; found started but not recorded, it is
 * marked uncertain for an officer and never said again (a reply then a push would say it twice).
 */
export async function acknowledge(
  deps: LineIntakeDeps,
  agency: Agency,
  api: LineApi,
  entryId: string,
  userId: string,
  replyToken: string | undefined,
) {
  const db = deps.handle.db;
  const current = (await findEntry(db, entryId))!;
  const { text } = composeAcknowledgement(
    agency,
    current,
    trackingUrl(deps, agency.id, current),
    await listAttachments(db, entryId),
    deps.maxFileBytes,
  );
  const started = deps.clock.now().toISOString();
  if (!(await startLineAcknowledgement(db, entryId, started))) {
    await markLineAcknowledgementUncertain(db, entryId, started);
    return;
  }
  let via = "line-reply";
  try {
    try {
      if (!replyToken) throw new Error("no reply token");
      await api.reply(replyToken, [{ text }]);
    } catch {
      via = "line-push";
      await api.push(userId, [{ text }], entryId);
    }
  } catch (error) {
    // LINE refused both or never answered: nothing went out, so the next handling may send it.
    await clearLineAcknowledgementStart(db, entryId);
    throw error;
  }
  failpoint("line.after-ack-send");
  const at = deps.clock.now();
  await recordAction(deps.handle, {
    subject: { entryId },
    action: "acknowledge",
    payload: { via, at },
    actor: { kind: "system", name: "system:line" },
    at,
  });
}
