import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7, SC-1: correspondence's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const CORRESPONDENCE_SEALED_COLUMNS: SealedColumns = {
  // A letter to a person: the addressee, what it is about, what it says. Announcements are public.
  outgoing_letters: ["to_name", "subject", "salutation", "body", "enclosures"],
};
