import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import { findService, findVersionInForce } from "../catalog/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { FileStore } from "../platform/storage/file-store.js";
import {
  type AttachmentRecord,
  findEntry,
  listAttachments,
  openApplicationMatter,
} from "../register/index.js";
import { findApplicationByEntry, insertApplication } from "./applications.repo.js";
import { checklistFor } from "./documents.js";
import type { DraftApplicant } from "./draft.js";
import { judgeResolution } from "./resolution.js";
import { signedSha256 } from "./signed-content.js";
import type { SignatureEvidence } from "./validate-application.js";

export interface ConvertInput {
  entryId: string;
  serviceCode: string;
  /** Which of the entry's files is which checklist item, by attachment id (others are not matched). */
  documents: Record<string, string>;
}

/**
 * Turns an entry that came by mail, LINE or paper into an application of a service, on the version
 * in force at the entry's `receivedAt` (the rules it was sent under). The signature evidence is the
 * entry's own (the name in the mail or chat, the paper scan), with the hash of what it carried computed
 * as for the web (FM-6, FM-7); the answers are left for the officer to transcribe. Audited.
 * Throws ENTRY_NOT_FOUND, ENTRY_CANCELLED, ENTRY_ALREADY_APPLICATION (409), SERVICE_NOT_FOUND
 * (no such service, or none in force then), APPLICATION_INVALID (a file matched to an unknown item).
 */
export async function convertEntryToApplication(
  deps: { handle: DatabaseHandle; clock: Clock; files: FileStore },
  agencyId: string,
  input: ConvertInput,
  actor: { staffId: string; ip?: string },
): Promise<{ applicationId: string; serviceVersion: number }> {
  const db = deps.handle.db;
  const entry = await findEntry(db, input.entryId);
  if (!entry || entry.agencyId !== agencyId) throw new AppError("ENTRY_NOT_FOUND");
  if (entry.status === "cancelled") throw new AppError("ENTRY_CANCELLED");
  if (await findApplicationByEntry(db, entry.id)) throw new AppError("ENTRY_ALREADY_APPLICATION");
  const service = await findService(db, agencyId, input.serviceCode);
  const version = service && (await findVersionInForce(db, service.id, entry.receivedAt));
  if (!service || !version) throw new AppError("SERVICE_NOT_FOUND");
  const def = version.definition;
  const applicant: DraftApplicant = {
    type: "person",
    name: entry.senderName,
    ...(entry.senderEmail && { email: entry.senderEmail }),
    ...(entry.senderPhone && { phone: entry.senderPhone }),
  };
  const checklist = checklistFor(def, applicant.type);
  const attachments = (await listAttachments(db, entry.id)).filter((a) => a.storageKey && !a.refusalCode);
  const documents: {
    attachment: AttachmentRecord;
    documentId: string;
    dpi: number | null;
    lowResolution: boolean;
  }[] = [];
  for (const [attachmentId, documentId] of Object.entries(input.documents)) {
    const attachment = attachments.find((a) => a.id === attachmentId);
    const item = checklist.find((d) => d.id === documentId);
    if (!attachment || !item)
      throw new AppError(
        "APPLICATION_INVALID",
        {},
        { errors: [{ field: `documents.${attachmentId}`, code: "documentUnknown", message: documentId }] },
      );
    const bytes = await deps.files.read(attachment.storageKey!);
    documents.push({
      attachment,
      documentId,
      ...(await judgeResolution(bytes, attachment.mediaType, item.paper)),
    });
  }
  const hash = signedSha256({
    service: { code: def.code, version: version.version },
    applicant,
    answers: {},
    documents: documents.map((d) => ({ documentId: d.documentId, sha256: d.attachment.sha256 ?? "" })),
  });
  const signature: SignatureEvidence = {
    method: "entry",
    name: entry.senderName,
    signedAt: entry.receivedAt.toISOString(),
    ip: null,
    userAgent: null,
    otp: null,
    source: { channel: entry.channel, signature: entry.signature, receiptNumber: entry.receiptNumber },
    signedSha256: hash,
  };
  const applicationId = newId();
  const now = deps.clock.now().toISOString();
  const agency = await findAgency(deps.handle.db, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const calendar = await loadBusinessCalendar(deps.handle.db, agency);
  try {
    await withTransaction(deps.handle, async (trx) => {
      await openApplicationMatter(trx, entry.matterId, def.timeLimit, calendar);
      await insertApplication(
        trx,
        {
          id: applicationId,
          agency_id: agencyId,
          entry_id: entry.id,
          matter_id: entry.matterId,
          service_version_id: version.id,
          applicant_type: applicant.type,
          applicant_name: applicant.name,
          applicant_id_number: null,
          acting_person: null,
          form_data: "{}",
          privacy_notice_version: null,
          signature: JSON.stringify(signature),
          signed_sha256: hash,
          created_at: now,
          created_by: `staff:${actor.staffId}`,
        },
        documents.map((d) => ({
          id: newId(),
          application_id: applicationId,
          document_id: d.documentId,
          attachment_id: d.attachment.id,
          resolution_dpi: d.dpi,
          low_resolution: d.lowResolution ? 1 : 0,
          e_stamp_reference: null,
        })),
      );
      await recordAudit(trx, {
        agencyId,
        actor: `staff:${actor.staffId}`,
        action: "application.convert",
        subjectType: "entry",
        subjectId: entry.id,
        data: { applicationId, service: def.code, version: version.version, documents: documents.length },
        ip: actor.ip,
        at: now,
      });
    });
  } catch (error) {
    // Two officers converting the same entry at once: the entry's unique application keeps the first.
    if (isUniqueViolation(error)) throw new AppError("ENTRY_ALREADY_APPLICATION");
    throw error;
  }
  return { applicationId, serviceVersion: version.version };
}
