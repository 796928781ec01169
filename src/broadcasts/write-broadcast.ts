import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { Role } from "../staff/index.js";
import { auditActor } from "../workflow/index.js";
import { type Broadcast, LINE_TEXT_MAX } from "./broadcast.js";
import { BROADCAST_WRITERS } from "./broadcast-statuses.js";
import { recordBroadcastAction } from "./record-broadcast-action.js";

export type BroadcastOfficer = { kind: "staff"; staffId: string; roles: readonly Role[] };

export interface BroadcastContent {
  title: string;
  textTh: string;
  textEn: string;
}

/** The content as it is kept: trimmed, Thai required, each text within LINE's limit (CH-10). */
export function checkContent(content: BroadcastContent) {
  const title = content.title.trim();
  const textTh = content.textTh.trim();
  const textEn = content.textEn.trim();
  if (!title || title.length > 200) throw new AppError("BROADCAST_TITLE_INVALID", {}, { field: "title" });
  if (!textTh) throw new AppError("BROADCAST_TEXT_REQUIRED", {}, { field: "textTh" });
  for (const [field, text] of [
    ["textTh", textTh],
    ["textEn", textEn],
  ] as const)
    if (text.length > LINE_TEXT_MAX)
      throw new AppError("BROADCAST_TEXT_TOO_LONG", { max: LINE_TEXT_MAX }, { field });
  return { title, text_th: textTh, text_en: textEn || null };
}

/** #17 broadcasts (CH-10): an officer drafts a broadcast; its history and audit row start with it. */
export async function draftBroadcast(
  handle: DatabaseHandle,
  input: { agencyId: string; actor: BroadcastOfficer; content: BroadcastContent; at: Date; ip?: string },
): Promise<string> {
  if (!input.actor.roles.some((r) => BROADCAST_WRITERS.includes(r)))
    throw new AppError("BROADCAST_ACTION_NOT_ALLOWED", { status: "-", action: "draft" });
  const content = checkContent(input.content);
  const id = newId();
  const at = input.at.toISOString();
  const actor = auditActor(input.actor);
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("broadcasts")
      .values({
        id,
        agency_id: input.agencyId,
        channel: "line",
        ...content,
        status: "draft",
        version: 1,
        drafted_by: input.actor.staffId,
        edited_by: input.actor.staffId,
        approved_by: null,
        approved_hash: null,
        estimated_recipients: null,
        failure: null,
        created_at: at,
        updated_at: at,
        sent_at: null,
      })
      .execute();
    await trx
      .insertInto("broadcast_events")
      .values({
        id: newId(),
        agency_id: input.agencyId,
        broadcast_id: id,
        action: "draft",
        from_status: null,
        to_status: "draft",
        reason: null,
        actor,
        at,
      })
      .execute();
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: "broadcast.draft",
      subjectType: "broadcast",
      subjectId: id,
      data: { channel: "line" },
      ip: input.ip,
      at,
    });
  });
  return id;
}

/**
 * #17 broadcasts (CH-10): an edit. From any status before sending it goes back to draft and clears the
 * approval: changed content needs approving again.
 */
export async function editBroadcast(
  handle: DatabaseHandle,
  input: {
    agencyId: string;
    broadcastId: string;
    actor: BroadcastOfficer;
    content: BroadcastContent;
    expectedVersion?: number;
    at: Date;
    ip?: string;
  },
): Promise<Broadcast> {
  const changes = checkContent(input.content);
  return withTransaction(handle, (trx) => recordBroadcastAction(trx, { ...input, action: "edit", changes }));
}
