import { REGISTER_ROLES, type Role } from "../staff/index.js";
import type { StatusTable, SYSTEM_ROLE } from "../workflow/index.js";

/** Who the register's tables name: staff roles, and `system` for the outbox, LINE and other workers. */
export type RegisterActorRole = Role | typeof SYSTEM_ROLE;

/** Entry statuses (RG-1): a register line is received, or cancelled with its number kept used. */
export type EntryStatus = "received" | "cancelled";

/**
 * What can happen to an entry. Most actions record a fact and leave the status as it is: whether an
 * entry is acknowledged (CH-4) or misdirected (CH-8) is told by its own columns and times, which the
 * deadlines, the tracking page and the export read, not by a status.
 */
export type EntryAction =
  /** CH-4: the acknowledgement went out (outbox, LINE), or an officer settled an uncertain send as sent. */
  | "acknowledge"
  /** CH-4: an officer records an acknowledgement given by phone, on paper or in person. */
  | "acknowledge-other-way"
  /** RG-5: routed to a unit (or none). */
  | "assign-unit"
  /** Joined to the matter of another receipt number. */
  | "link-matter"
  /** CH-8: outside the agency's authority; the sender is told. Named as its audit action always was. */
  | "misdirected"
  /** CH-4: an officer confirms the address of a mail whose acknowledgement was withheld; it is queued. */
  | "confirm-sender-address"
  /** RG-1: a mistaken entry is cancelled with a reason. */
  | "cancel";

const OFFICERS = REGISTER_ROLES;
const SENDERS = ["system", ...REGISTER_ROLES] as const;

/**
 * The entry's workflow: status → action → next status and who may take it. Every change of an entry
 * goes through `recordAction`, which checks this table. The casework issue extends this table.
 */
export const ENTRY_STATUSES = {
  received: {
    acknowledge: { next: "received", by: SENDERS },
    "acknowledge-other-way": { next: "received", by: OFFICERS },
    "assign-unit": { next: "received", by: OFFICERS },
    "link-matter": { next: "received", by: OFFICERS },
    misdirected: { next: "received", by: OFFICERS },
    "confirm-sender-address": { next: "received", by: OFFICERS },
    cancel: { next: "cancelled", by: OFFICERS },
  },
  cancelled: {
    // CH-4: a reply already handed over before the cancel did go out, and the register says so.
    acknowledge: { next: "cancelled", by: SENDERS },
  },
} as const satisfies StatusTable<EntryStatus, EntryAction, RegisterActorRole>;

export {
  APPLICATION_STATUSES,
  GENERAL_STATUSES,
  MATTER_STATUSES,
  type MatterAction,
  type MatterActorRole,
  type MatterKind,
  type MatterStatus,
} from "./matter-statuses.js";
