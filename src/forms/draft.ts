/** FM-5: who applies; a juristic person names the person acting for it. */
export interface DraftApplicant {
  type: "person" | "juristic";
  /** The person's full name, or the juristic person's registered name. */
  name: string;
  /** 13-digit national ID (person) or juristic ID (juristic person), digits only. */
  idNumber?: string;
  actingPerson?: { name: string; idNumber?: string; position?: string };
  email?: string;
  phone?: string;
}

/** One file uploaded against an item of the manual's checklist (FM-2), kept in the file store. */
export interface DraftDocument {
  documentId: string;
  fileKey: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** FM-4: judged against the document's physical size; null when it is not an image or a scan. */
  dpi: number | null;
  lowResolution: boolean;
  /** FM-5: the e-Stamp reference of a delegation of authority. */
  eStampReference?: string;
}

/** A form being filled on the web; resumed by the link that carries its token. */
export interface Draft {
  id: string;
  agencyId: string;
  serviceVersionId: string;
  language: "th" | "en";
  applicant: DraftApplicant | null;
  answers: Record<string, unknown>;
  documents: DraftDocument[];
  privacyNoticeVersion: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  submittedEntryId: string | null;
}
