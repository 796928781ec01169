import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { ApplicationDocumentsTable, ApplicationRow, ApplicationsTable } from "./forms.table.js";

/** Writes an application and its documents matched to the checklist, inside the caller's transaction. */
export async function insertApplication(
  trx: Db,
  application: Insertable<ApplicationsTable>,
  documents: Insertable<ApplicationDocumentsTable>[],
): Promise<void> {
  await trx.insertInto("applications").values(application).execute();
  if (documents.length) await trx.insertInto("application_documents").values(documents).execute();
}

export async function findApplicationByEntry(db: Db, entryId: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("applications").selectAll().where("entry_id", "=", entryId).executeTakeFirst();
}

/** #12: the application a matter was opened for, or undefined (a general request). */
export async function findApplicationOfMatter(db: Db, matterId: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("applications").selectAll().where("matter_id", "=", matterId).executeTakeFirst();
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
