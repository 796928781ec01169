import type { Db } from "../platform/db/database.js";
import { newId, newToken, sha256Hex } from "../platform/ids.js";
import type { Draft } from "./draft.js";
import type { ApplicationDraftRow } from "./forms.table.js";

/** How long an untouched draft is kept (its link then stops working). */
export const DRAFT_LIFETIME_DAYS = 30;

const draftFromRow = (row: ApplicationDraftRow): Draft => ({
  id: row.id,
  agencyId: row.agency_id,
  serviceVersionId: row.service_version_id,
  language: row.language,
  applicant: JSON.parse(row.applicant),
  answers: JSON.parse(row.answers),
  documents: JSON.parse(row.documents),
  privacyNoticeVersion: row.privacy_notice_version,
  email: row.email,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
  expiresAt: new Date(row.expires_at),
  submittedEntryId: row.submitted_entry_id,
});

/** Starts a draft; returns it with the token of its resume link (only the token's hash is stored). */
export async function createDraft(
  db: Db,
  input: { agencyId: string; serviceVersionId: string; language: "th" | "en" },
  now: Date,
): Promise<{ draft: Draft; token: string }> {
  const token = newToken();
  const id = newId();
  const at = now.toISOString();
  await db
    .insertInto("application_drafts")
    .values({
      id,
      agency_id: input.agencyId,
      service_version_id: input.serviceVersionId,
      resume_token_sha256: sha256Hex(token),
      language: input.language,
      applicant: "null",
      answers: "{}",
      documents: "[]",
      privacy_notice_version: null,
      email: null,
      created_at: at,
      updated_at: at,
      expires_at: new Date(now.getTime() + DRAFT_LIFETIME_DAYS * 86_400_000).toISOString(),
      submitted_entry_id: null,
    })
    .execute();
  const draft = await findDraftById(db, id);
  if (!draft) throw new Error("draft vanished");
  return { draft, token };
}

export async function findDraftById(db: Db, id: string): Promise<Draft | undefined> {
  const row = await db.selectFrom("application_drafts").selectAll().where("id", "=", id).executeTakeFirst();
  return row && draftFromRow(row);
}

/** The draft of a resume link, in its agency, if it has not expired; undefined otherwise (say 404). */
export async function findDraftByToken(
  db: Db,
  agencyId: string,
  token: string,
  now: Date,
): Promise<Draft | undefined> {
  if (!/^[\w-]{16,64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom("application_drafts")
    .selectAll()
    .where("resume_token_sha256", "=", sha256Hex(token))
    .where("agency_id", "=", agencyId)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row && draftFromRow(row);
}

export type DraftChanges = Partial<
  Pick<Draft, "applicant" | "answers" | "documents" | "privacyNoticeVersion" | "email" | "language">
> & {
  /** #13 my-data: the keyed hash of `email` (emailLookupKey), so a signed-in citizen finds the draft. */
  emailHmac?: string | null;
};

/** Saves part of a draft that is not yet submitted; false when it was submitted meanwhile. */
export async function updateDraft(db: Db, id: string, changes: DraftChanges, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("application_drafts")
    .set({
      ...(changes.applicant !== undefined && { applicant: JSON.stringify(changes.applicant) }),
      ...(changes.answers !== undefined && { answers: JSON.stringify(changes.answers) }),
      ...(changes.documents !== undefined && { documents: JSON.stringify(changes.documents) }),
      ...(changes.privacyNoticeVersion !== undefined && {
        privacy_notice_version: changes.privacyNoticeVersion,
      }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.emailHmac !== undefined && { email_hmac: changes.emailHmac }),
      ...(changes.language !== undefined && { language: changes.language }),
      updated_at: now.toISOString(),
      expires_at: new Date(now.getTime() + DRAFT_LIFETIME_DAYS * 86_400_000).toISOString(),
    })
    .where("id", "=", id)
    .where("submitted_entry_id", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
