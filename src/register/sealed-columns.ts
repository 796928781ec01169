import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: the register's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const REGISTER_SEALED_COLUMNS: SealedColumns = {
  matters: ["subject"],
  entries: [
    "sender_name",
    "sender_email",
    "sender_phone",
    "reply_to",
    "sender_raw",
    "subject",
    "body",
    "acknowledgement_note",
    "cancel_reason",
    "misdirected_note",
  ],
  // File names carry IDs and names ("สำเนาบัตร 1101700207129.pdf").
  attachments: ["filename"],
  // Action payloads copy what an officer or applicant wrote (reasons, notes, answers).
  matter_actions: ["payload"],
};
