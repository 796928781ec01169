import type { Db } from "../platform/db/database.js";

/** An application as the export gives it to its applicant (PD-3): the form data and the documents' links. */
export interface PersonApplication {
  id: string;
  matterId: string;
  entryId: string;
  serviceVersionId: string;
  applicantType: string;
  applicantName: string;
  applicantIdNumber: string | null;
  actingPerson: unknown;
  formData: unknown;
  privacyNoticeVersion: string | null;
  signature: unknown;
  signedSha256: string | null;
  createdAt: string;
  /** The checklist item each file answers; the file itself is the entry's attachment of that id. */
  documents: { documentId: string; attachmentId: string; eStampReference: string | null }[];
}

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/**
 * #17 export (PD-3, s.30): the applications of these matters only (the matters the export already tied
 * to the person), sealed columns opened by the plugin.
 */
export async function listPersonApplications(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonApplication[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom("applications")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", [...matterIds])
    .orderBy("created_at")
    .execute();
  if (rows.length === 0) return [];
  const documents = await db
    .selectFrom("application_documents")
    .select(["application_id", "document_id", "attachment_id", "e_stamp_reference"])
    .where(
      "application_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    entryId: r.entry_id,
    serviceVersionId: r.service_version_id,
    applicantType: r.applicant_type,
    applicantName: r.applicant_name,
    applicantIdNumber: r.applicant_id_number,
    actingPerson: parsed(r.acting_person),
    formData: parsed(r.form_data),
    privacyNoticeVersion: r.privacy_notice_version,
    signature: parsed(r.signature),
    signedSha256: r.signed_sha256,
    createdAt: r.created_at,
    documents: documents
      .filter((d) => d.application_id === r.id)
      .map((d) => ({
        documentId: d.document_id,
        attachmentId: d.attachment_id,
        eStampReference: d.e_stamp_reference,
      })),
  }));
}
