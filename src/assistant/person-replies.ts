import type { Db } from "../platform/db/database.js";

/** What the assistant told the person on LINE (PD-3, IF-4): the text, its sources and whether LINE took it. */
export interface PersonAssistantReply {
  id: string;
  draftId: string;
  kind: string;
  said: string;
  sources: unknown;
  createdAt: string;
  sentAt: string | null;
}

/** #17 export (PD-3, s.30): the assistant's replies in these drafts only (the person's own LINE drafts). */
export async function listPersonAssistantReplies(
  db: Db,
  agencyId: string,
  draftIds: readonly string[],
): Promise<PersonAssistantReply[]> {
  if (draftIds.length === 0) return [];
  const rows = await db
    .selectFrom("assistant_replies")
    .select(["id", "draft_id", "kind", "said", "sources", "created_at", "sent_at"])
    .where("agency_id", "=", agencyId)
    .where("draft_id", "in", [...draftIds])
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    draftId: r.draft_id,
    kind: r.kind,
    said: r.said,
    sources: JSON.parse(r.sources) as unknown,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}
