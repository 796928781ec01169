import { APPROVAL_SEALED_COLUMNS } from "./approval/index.js";
import { CORRESPONDENCE_SEALED_COLUMNS } from "./correspondence/index.js";
// #15 delivery
import { DELIVERY_SEALED_COLUMNS } from "./delivery/index.js";
import { FORMS_SEALED_COLUMNS } from "./forms/index.js";
import { IDENTITY_SEALED_COLUMNS } from "./identity/index.js";
import { LINE_SEALED_COLUMNS } from "./intake/line/index.js";
import { MAIL_SEALED_COLUMNS } from "./intake/mail/index.js";
import { NOTIFICATIONS_SEALED_COLUMNS } from "./notifications/index.js";
// #16 opendata
import { OPENDATA_SEALED_COLUMNS } from "./opendata/index.js";
import { OUTBOX_SEALED_COLUMNS } from "./outbox/index.js";
import { PAYMENT_SEALED_COLUMNS } from "./payment/index.js";
import type { SealedColumns } from "./platform/crypto/index.js";
// #17 privacy
// #17 subjects
import { BREACH_SEALED_COLUMNS, SUBJECTS_SEALED_COLUMNS } from "./privacy/index.js";
import { REGISTER_SEALED_COLUMNS } from "./register/index.js";
import { REVIEW_SEALED_COLUMNS } from "./review/index.js";

/**
 * ID-7, SC-1: every column where personal data lands, stored sealed (AES-256-GCM). Each capability
 * names its own columns (exported from its index); this list joins them for the database plugin.
 */
export const SEALED_COLUMNS: SealedColumns = {
  // #13 sealed columns: one spread per capability
  ...IDENTITY_SEALED_COLUMNS,
  // #13 sealing: the tables that were there before
  ...REGISTER_SEALED_COLUMNS,
  ...MAIL_SEALED_COLUMNS,
  ...LINE_SEALED_COLUMNS,
  ...OUTBOX_SEALED_COLUMNS,
  ...NOTIFICATIONS_SEALED_COLUMNS,
  ...FORMS_SEALED_COLUMNS,
  ...REVIEW_SEALED_COLUMNS,
  ...APPROVAL_SEALED_COLUMNS,
  ...CORRESPONDENCE_SEALED_COLUMNS,
  // #14 payment
  ...PAYMENT_SEALED_COLUMNS,
  // #15 delivery
  ...DELIVERY_SEALED_COLUMNS,
  // #16 opendata: the CKAN API token
  ...OPENDATA_SEALED_COLUMNS,
  // #17 privacy: breach accounts and notes of whom was told
  ...BREACH_SEALED_COLUMNS,
  // #17 subjects: data-subject requests
  ...SUBJECTS_SEALED_COLUMNS,
};

/** The key of a table with sealed columns, where it is not `id` (seal-existing walks each table by it). */
export const SEALED_TABLE_KEYS: Readonly<Record<string, string>> = {
  // #16 opendata: one row per agency
  open_data_settings: "agency_id",
};
