import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: forms's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const FORMS_SEALED_COLUMNS: SealedColumns = {
  application_drafts: ["applicant", "answers", "documents", "email"],
  applications: ["applicant_name", "applicant_id_number", "acting_person", "form_data", "signature"],
  signature_challenges: ["destination"],
};
