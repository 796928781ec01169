import { findAgency, findUnit } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";

/** The contact shown with an answer: the answering unit's as it is now (IF-3, WB-1), else the agency's. */
export interface AnswerContact {
  nameTh: string;
  nameEn: string;
  phone: string | null;
  email: string | null;
}

/** An approved answer as the public sees it, with its citation (WB-3). */
export interface PublishedAnswer {
  id: string;
  topicId: string;
  body: string;
  regulation: string;
  /** YYYY-MM-DD (CE); shown in BE. */
  regulationEffectiveOn: string;
  holdsAsOf: string;
  publishedAt: string;
  contact: AnswerContact;
}

/**
 * WB-4: the published answers of the given topics, oldest first. The one read of `webboard_answers`
 * for the public: status "published" only, so a draft, submitted, returned or withdrawn answer never
 * reaches a page, the JSON, the feed or an export. The contact is read now, not copied at approval.
 */
export async function listPublishedAnswers(
  db: Db,
  agencyId: string,
  topicIds: readonly string[],
): Promise<PublishedAnswer[]> {
  if (topicIds.length === 0) return [];
  const rows = await db
    .selectFrom("webboard_answers")
    .select([
      "id",
      "topic_id",
      "unit_id",
      "body",
      "regulation",
      "regulation_effective_on",
      "holds_as_of",
      "published_at",
      "created_at",
    ])
    .where("agency_id", "=", agencyId)
    .where("topic_id", "in", [...topicIds])
    .where("status", "=", "published")
    .orderBy("published_at")
    .orderBy("id")
    .execute();
  if (rows.length === 0) return [];
  const agency = await findAgency(db, agencyId);
  const agencyContact: AnswerContact = {
    nameTh: agency?.nameTh ?? "",
    nameEn: agency?.nameEn ?? "",
    phone: agency?.phones[0] ?? null,
    email: agency?.centralEmail ?? null,
  };
  const units = new Map<string, AnswerContact>();
  for (const unitId of new Set(rows.map((r) => r.unit_id))) {
    if (!unitId) continue;
    const unit = await findUnit(db, agencyId, unitId);
    if (unit)
      units.set(unitId, {
        nameTh: unit.name_th,
        nameEn: unit.name_en,
        phone: unit.phone ?? agencyContact.phone,
        email: agencyContact.email,
      });
  }
  return rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    body: r.body,
    regulation: r.regulation,
    regulationEffectiveOn: r.regulation_effective_on,
    holdsAsOf: r.holds_as_of,
    publishedAt: r.published_at ?? r.created_at,
    contact: (r.unit_id && units.get(r.unit_id)) || agencyContact,
  }));
}
