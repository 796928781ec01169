import type { SealedColumns } from "../../platform/crypto/index.js";

/** ID-7, SC-1: mail intake's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const MAIL_SEALED_COLUMNS: SealedColumns = {
  mail_messages: ["from_address", "raw_from", "subject"],
};
