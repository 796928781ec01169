import type { Generated, Selectable } from "kysely";

export interface ApplicationDraftsTable {
  id: string;
  agency_id: string;
  service_version_id: string;
  /** Only the hash of the resume link's token is kept: the link itself is the key. */
  resume_token_sha256: string;
  language: "th" | "en";
  /** JSON: applicant type and, for a juristic person, its ID and the person acting (FM-5). */
  applicant: string;
  /** JSON of the answers so far, keyed by the form schema's properties. */
  answers: string;
  /** JSON list of uploaded files matched to the checklist: { documentId, fileKey, filename, … }. */
  documents: string;
  /** PD-1: the version of the privacy notice the applicant was shown before anything was collected. */
  privacy_notice_version: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
  submitted_entry_id: string | null;
  /** #13 my-data: keyed hash (ID-7) of `email`, so a signed-in citizen finds their drafts. */
  email_hmac: Generated<string | null>;
}

export interface ApplicationsTable {
  id: string;
  agency_id: string;
  entry_id: string;
  matter_id: string;
  service_version_id: string;
  applicant_type: "person" | "juristic";
  applicant_name: string;
  /** National ID or juristic ID (13 digits), when given. */
  applicant_id_number: string | null;
  /** FM-5: JSON of the person acting for a juristic person. */
  acting_person: string | null;
  form_data: string;
  privacy_notice_version: string | null;
  /** FM-6: JSON of the signature evidence (typed name, time, IP, user agent, OTP outcome, or the entry's). */
  signature: string;
  /** FM-6: sha256 of the RFC 8785 canonical JSON of exactly what was signed. */
  signed_sha256: string | null;
  created_at: string;
  created_by: string;
  /** #13 (ID-7): keyed hash of the applicant's 13-digit ID (a juristic applicant's: the company's). */
  applicant_id_hmac: Generated<string | null>;
  /** #13 (ID-7, FM-5): keyed hash of the acting person's national ID. */
  acting_id_hmac: Generated<string | null>;
}

export interface ApplicationDocumentsTable {
  id: string;
  application_id: string;
  /** The manual's checklist item (RequiredDocument.id). */
  document_id: string;
  attachment_id: string;
  /** FM-4: the resolution judged against the document's physical size; null when not an image or scan. */
  resolution_dpi: number | null;
  low_resolution: number;
  /** FM-5: the e-Stamp reference of a delegation of authority. */
  e_stamp_reference: string | null;
}

export interface SignatureChallengesTable {
  id: string;
  draft_id: string;
  channel: "email" | "sms";
  destination: string;
  code_sha256: string;
  attempts: number;
  created_at: string;
  expires_at: string;
  verified_at: string | null;
}

export type ApplicationDraftRow = Selectable<ApplicationDraftsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
