import type { SealedColumns } from "../../platform/crypto/index.js";

/** ID-7, SC-1: LINE intake's columns that can hold personal data, stored sealed (ids, statuses, times, codes stay clear). */
export const LINE_SEALED_COLUMNS: SealedColumns = {
  line_deliveries: ["body"],
  line_events: ["payload"],
  line_drafts: ["full_name"],
  line_draft_items: ["text", "filename"],
  line_replies: ["text"],
};
