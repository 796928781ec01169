import type { Role } from "../staff/index.js";
import type { StatusTable } from "../workflow/index.js";
import type { BroadcastStatus } from "./broadcasts.table.js";

export type BroadcastAction =
  | "draft"
  | "edit"
  | "submit"
  | "approve"
  | "return"
  | "send"
  | "sent"
  | "fail"
  | "cancel";

/** CH-10: who drafts, edits, submits and sends (after approval) a broadcast. */
export const BROADCAST_WRITERS: readonly Role[] = [
  "saraban_officer",
  "supervisor",
  "head_of_agency",
  "admin",
];

/** CH-10: who approves or returns one — never its author or last editor (`recordBroadcastAction`). */
export const BROADCAST_APPROVERS: readonly Role[] = ["supervisor", "head_of_agency", "admin"];

/** Borikan itself records what LINE answered to a send. */
const SYSTEM = ["system"] as const;

type R = Role | "system";

/**
 * #17 broadcasts (CH-10): a broadcast's life as data. `send` leaves only `approved` (or `failed`, the
 * same approved content tried again with the same retry key); an edit from any status before sending
 * goes back to `draft` and clears the approval. Written only by `recordBroadcastAction`.
 */
export const BROADCAST_STATUSES: StatusTable<BroadcastStatus, BroadcastAction, R> = {
  draft: {
    edit: { next: "draft", by: BROADCAST_WRITERS },
    submit: { next: "submitted", by: BROADCAST_WRITERS },
    cancel: { next: "cancelled", by: BROADCAST_WRITERS },
  },
  submitted: {
    approve: { next: "approved", by: BROADCAST_APPROVERS },
    return: { next: "returned", by: BROADCAST_APPROVERS },
    edit: { next: "draft", by: BROADCAST_WRITERS },
    cancel: { next: "cancelled", by: BROADCAST_WRITERS },
  },
  returned: {
    edit: { next: "draft", by: BROADCAST_WRITERS },
    submit: { next: "submitted", by: BROADCAST_WRITERS },
    cancel: { next: "cancelled", by: BROADCAST_WRITERS },
  },
  approved: {
    send: { next: "sending", by: BROADCAST_WRITERS },
    edit: { next: "draft", by: BROADCAST_WRITERS },
    cancel: { next: "cancelled", by: BROADCAST_WRITERS },
  },
  sending: {
    sent: { next: "sent", by: SYSTEM },
    fail: { next: "failed", by: SYSTEM },
  },
  failed: {
    send: { next: "sending", by: BROADCAST_WRITERS },
    cancel: { next: "cancelled", by: BROADCAST_WRITERS },
  },
  sent: {},
  cancelled: {},
};

/** Acts of decision: four eyes (CH-10) and a fresh step-up (WS-3). */
export const BROADCAST_DECISIONS: readonly BroadcastAction[] = ["approve", "return"];

/** Acts an officer takes on the page (the rest are Borikan's own). */
export const OFFICER_ACTIONS: readonly BroadcastAction[] = [
  "edit",
  "submit",
  "approve",
  "return",
  "send",
  "cancel",
];
