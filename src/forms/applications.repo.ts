import type { Insertable } from "kysely";
import { idNumberLookupKey, sealerOf } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import type { ApplicationDocumentsTable, ApplicationRow, ApplicationsTable } from "./forms.table.js";

/** Writes an application and its documents matched to the checklist, inside the caller's transaction. */
export async function insertApplication(
  trx: Db,
  application: Insertable<ApplicationsTable>,
  documents: Insertable<ApplicationDocumentsTable>[],
): Promise<void> {
  await trx.insertInto("applications").values(withLookupKeys(trx, application)).execute();
  if (documents.length) await trx.insertInto("application_documents").values(documents).execute();
}

/**
 * ID-7, FM-5: the 13-digit IDs are sealed; an application is found by the keyed hashes of the applicant's
 * ID and of the acting person's national ID, written here on every insert.
 */
function withLookupKeys(trx: Db, application: Insertable<ApplicationsTable>): Insertable<ApplicationsTable> {
  const sealer = sealerOf(trx);
  if (!sealer) return application;
  let actingId: string | undefined;
  try {
    const acting = application.acting_person ? JSON.parse(application.acting_person) : undefined;
    if (typeof acting?.idNumber === "string") actingId = acting.idNumber;
  } catch {
    // not JSON: no acting person's ID to find it by
  }
  return {
    ...application,
    applicant_id_hmac: idNumberLookupKey(sealer, application.applicant_id_number) ?? null,
    acting_id_hmac: idNumberLookupKey(sealer, actingId) ?? null,
  };
}

export async function findApplicationByEntry(db: Db, entryId: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("applications").selectAll().where("entry_id", "=", entryId).executeTakeFirst();
}

export async function listApplicationDocuments(db: Db, applicationId: string) {
  return db
    .selectFrom("application_documents")
    .selectAll()
    .where("application_id", "=", applicationId)
    .orderBy("id")
    .execute();
}

/** A draft is submitted once: later saves are refused (`updateDraft` checks `submitted_entry_id`). */
export async function markDraftSubmitted(trx: Db, draftId: string, entryId: string): Promise<void> {
  await trx
    .updateTable("application_drafts")
    .set({ submitted_entry_id: entryId })
    .where("id", "=", draftId)
    .execute();
}

/** #12: the application a matter was opened for (its first), or undefined for a general request. */
export async function findApplicationOfMatter(db: Db, matterId: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom("applications")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("created_at")
    .executeTakeFirst();
}
/** #12 review: a matter's application with its documents matched to the checklist (oldest first), or undefined. */
export async function findMatterApplication(db: Db, matterId: string) {
  const application = await db
    .selectFrom("applications")
    .select(["id", "entry_id", "service_version_id", "applicant_type"])
    .where("matter_id", "=", matterId)
    .orderBy("created_at")
    .executeTakeFirst();
  if (!application) return undefined;
  const documents = await db
    .selectFrom("application_documents")
    .select(["document_id", "attachment_id", "e_stamp_reference", "low_resolution", "resolution_dpi"])
    .where("application_id", "=", application.id)
    .orderBy("id")
    .execute();
  return {
    id: application.id,
    entryId: application.entry_id,
    serviceVersionId: application.service_version_id,
    applicantType: application.applicant_type,
    documents: documents.map((d) => ({
      documentId: d.document_id,
      attachmentId: d.attachment_id,
      eStampReference: d.e_stamp_reference,
      lowResolution: d.low_resolution === 1,
      resolutionDpi: d.resolution_dpi,
    })),
  };
}

export type MatterApplication = NonNullable<Awaited<ReturnType<typeof findMatterApplication>>>;
