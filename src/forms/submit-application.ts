import canonicalizeModule from "canonicalize";
import type { Agency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import {
  findCurrentVersion,
  findService,
  findServiceVersion,
  type ServiceVersion,
} from "../catalog/index.js";
import { type ReceivedFile, screenFiles } from "../intake/attachments/index.js";
import {
  existingResult,
  registerWithAcknowledgement,
  type SubmitResult,
  submitResult,
  type WebIntakeDeps,
} from "../intake/web/index.js";
import { isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { type Lang, t } from "../platform/i18n/index.js";
import { newId, sha256Hex } from "../platform/ids.js";
import { findEntry, findEntryByIdempotencyKey, listAttachments } from "../register/index.js";
import { applicationSummary } from "./application-summary.js";
import { findApplicationByEntry, insertApplication, markDraftSubmitted } from "./applications.repo.js";
import type { DraftApplicant, DraftDocument } from "./draft.js";
import { findDraftById } from "./drafts.repo.js";
import { judgeResolution } from "./resolution.js";
import { signedSha256 } from "./signed-content.js";
import { type SignatureEvidence, type SignatureInput, validateApplication } from "./validate-application.js";

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string;

/** One document: a file uploaded to a draft (already screened and stored), or bytes sent to the API. */
export type ApplicationDocumentInput = { documentId: string; eStampReference?: string } & (
  | { stored: DraftDocument }
  | { file: ReceivedFile }
);

export interface ApplicationInput {
  serviceCode: string;
  /** A web draft: its id and the version it was made with. */
  draft?: { id: string; serviceVersionId: string };
  applicant: unknown;
  answers: unknown;
  documents: ApplicationDocumentInput[];
  privacyNoticeVersion: string | null;
  language: Lang;
  signature: SignatureInput;
}

export interface ApplicationResult extends SubmitResult {
  applicationId: string;
  serviceVersion: number;
}

/**
 * FM-1..7, CH-11: submits an application. The version is the draft's (an application keeps the version it
 * was made with, even when a newer one was published meanwhile) or, from the API, the current one; a
 * retired service takes none. Answers, applicant, documents and signature are checked (all field errors
 * at once); files are screened (FM-3), stored and judged for resolution (FM-4); then in ONE transaction the
 * entry is registered with today's receipt rules and acknowledgement and the application written with
 * what was signed and its hash. A repeated idempotency key answers with the first receipt (a draft always
 * does); with other content IDEMPOTENCY_KEY_REUSED.
 * Throws SERVICE_NOT_FOUND, SERVICE_RETIRED, APPLICATION_INVALID (details.errors), SIGNATURE_OTP_REQUIRED.
 */
export async function submitApplication(
  deps: WebIntakeDeps,
  agency: Agency,
  input: ApplicationInput,
  meta: { idempotencyKey: string; ip?: string; userAgent?: string },
): Promise<ApplicationResult> {
  const db = deps.handle.db;
  if (input.draft) {
    const submitted = (await findDraftById(db, input.draft.id))?.submittedEntryId;
    if (submitted) return replay(deps, agency, submitted);
  }
  const version = await versionOf(deps, agency, input);
  const def = version.definition;
  const checked = validateApplication(def, input, meta, deps.clock.now());
  const screened = await screenFiles(
    deps.files,
    input.documents.flatMap((d) => ("file" in d ? [d.file] : [])),
    deps.maxFileBytes,
  );
  const documents = await documentsOf(def, input, screened);
  const answers = checked.answers;
  const applicant: DraftApplicant = checked.applicant;
  const hash = signedSha256({
    service: { code: def.code, version: version.version },
    applicant,
    answers,
    documents: documents.map((d) => ({ documentId: d.documentId, sha256: d.attachment.sha256 ?? "" })),
  });
  const signature: SignatureEvidence = { ...checked.signature, signedSha256: hash };
  const requestHash = sha256Hex(canonicalize([hash, signature.name, input.privacyNoticeVersion]));
  const calendar = await loadBusinessCalendar(db, agency);
  const entryId = newId();
  const applicationId = newId();
  try {
    const registered = await withTransaction(deps.handle, async (trx) => {
      const result = await registerWithAcknowledgement(
        trx,
        deps,
        {
          id: entryId,
          agencyId: agency.id,
          channel: "web",
          senderName: applicant.name,
          senderEmail: applicant.email ?? null,
          senderPhone: applicant.phone ?? null,
          replyTo: applicant.email ?? null,
          addressee: agency.nameTh,
          subject: input.language === "en" ? (def.name.en ?? def.name.th) : def.name.th,
          body: applicationSummary(
            def,
            applicant,
            answers,
            documents.map((d) => ({ documentId: d.documentId, filename: d.attachment.filename })),
          ),
          language: input.language,
          signature: `${signature.name} (type-1 signature, web)`,
          idempotencyKey: meta.idempotencyKey,
          requestHash,
          attachments: documents.map((d) => d.attachment),
          // LF-1: the application's clock runs the manual's time in its kind of day from receipt.
          opening: { kind: "application", timeLimit: def.timeLimit },
        },
        { calendar, ip: meta.ip },
      );
      await insertApplication(
        trx,
        {
          id: applicationId,
          agency_id: agency.id,
          entry_id: result.entry.id,
          matter_id: result.entry.matterId,
          service_version_id: version.id,
          applicant_type: applicant.type,
          applicant_name: applicant.name,
          applicant_id_number: applicant.idNumber ?? null,
          acting_person: applicant.actingPerson ? JSON.stringify(applicant.actingPerson) : null,
          form_data: JSON.stringify(answers),
          privacy_notice_version: input.privacyNoticeVersion,
          signature: JSON.stringify(signature),
          signed_sha256: hash,
          created_at: deps.clock.now().toISOString(),
          created_by: "citizen",
        },
        documents.map((d, i) => ({
          id: newId(),
          application_id: applicationId,
          document_id: d.documentId,
          attachment_id: result.attachments[i]!.id,
          resolution_dpi: d.dpi,
          low_resolution: d.lowResolution ? 1 : 0,
          e_stamp_reference: d.eStampReference ?? null,
        })),
      );
      if (input.draft) await markDraftSubmitted(trx, input.draft.id, result.entry.id);
      return result;
    });
    const done = submitResult(deps, agency, registered.entry, registered.attachments, false);
    return { ...done, applicationId, serviceVersion: version.version };
  } catch (error) {
    // A double submit or a client's retry hits the entry's unique key: answer with the first receipt.
    if (!isUniqueViolation(error)) throw error;
    const first = await findEntryByIdempotencyKey(db, agency.id, meta.idempotencyKey);
    if (!first) throw error;
    if (input.draft) return replay(deps, agency, first.entry.id);
    const winner = await existingResult(deps, agency, meta.idempotencyKey, requestHash);
    if (!winner) throw error;
    return withApplication(deps, winner);
  }
}

async function versionOf(
  deps: WebIntakeDeps,
  agency: Agency,
  input: ApplicationInput,
): Promise<ServiceVersion> {
  const db = deps.handle.db;
  const service = await findService(db, agency.id, input.serviceCode);
  if (!service || service.state === "draft") throw new AppError("SERVICE_NOT_FOUND");
  if (service.state === "retired") throw new AppError("SERVICE_RETIRED");
  // A draft made on an older version is accepted on ITS version: the application keeps that version
  // (FM-1, CM-1), as the applicant saw the form and the manual then.
  const version = input.draft
    ? await findServiceVersion(db, input.draft.serviceVersionId)
    : await findCurrentVersion(db, agency.id, input.serviceCode);
  if (!version || version.serviceId !== service.id) throw new AppError("SERVICE_NOT_FOUND");
  return version;
}

type ScreenedFile = Awaited<ReturnType<typeof screenFiles>>[number];

/** The documents as register attachments, each judged for resolution; a refused file is a field error. */
async function documentsOf(
  def: ServiceVersion["definition"],
  input: ApplicationInput,
  screened: ScreenedFile[],
) {
  let next = 0;
  const out = [];
  const errors = [];
  for (const [i, d] of input.documents.entries()) {
    const paper = def.documents.find((item) => item.id === d.documentId)?.paper ?? "other";
    if ("stored" in d) {
      const s = d.stored;
      const attachment = {
        filename: s.filename,
        mediaType: s.mediaType,
        size: s.size,
        sha256: s.sha256,
        storageKey: s.fileKey,
        viewableKey: null,
        refusalCode: null,
      };
      out.push({ ...d, attachment, dpi: s.dpi, lowResolution: s.lowResolution });
      continue;
    }
    const attachment = screened[next++]!;
    if (attachment.refusalCode) {
      errors.push({
        field: `documents.${i}`,
        code: attachment.refusalCode,
        message: t(input.language, "application.error.documentRefused"),
      });
      continue;
    }
    const resolution = await judgeResolution(d.file.bytes, attachment.mediaType, paper);
    out.push({ ...d, attachment, ...resolution });
  }
  if (errors.length) throw new AppError("APPLICATION_INVALID", {}, { errors });
  return out;
}

async function replay(deps: WebIntakeDeps, agency: Agency, entryId: string): Promise<ApplicationResult> {
  const entry = await findEntry(deps.handle.db, entryId);
  if (!entry) throw new AppError("ENTRY_NOT_FOUND");
  const attachments = await listAttachments(deps.handle.db, entry.id);
  return withApplication(deps, submitResult(deps, agency, entry, attachments, true));
}

async function withApplication(deps: WebIntakeDeps, result: SubmitResult): Promise<ApplicationResult> {
  const application = await findApplicationByEntry(deps.handle.db, result.entry.id);
  if (!application) throw new AppError("ENTRY_NOT_FOUND");
  const version = await findServiceVersion(deps.handle.db, application.service_version_id);
  return { ...result, applicationId: application.id, serviceVersion: version?.version ?? 0 };
}
