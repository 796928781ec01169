import type { DayKind } from "../workflow/index.js";
import type { MatterKind, MatterStatus } from "./matter-statuses.js";
import type { MatterActionRow, MatterRow } from "./register.table.js";

/** A matter: what one or more entries are about, carried from receipt to its outcome. */
export interface Matter {
  id: string;
  agencyId: string;
  receiptNumber: string;
  subject: string;
  kind: MatterKind;
  status: MatterStatus;
  /** Grows with every action: a page drawn at another version is stale. */
  version: number;
  unitId: string | null;
  assignedTo: string | null;
  assignedAt: Date | null;
  /** RV-1: first come, first served by this (the first entry's working start). */
  clockStart: Date | null;
  /** LF-1: the manual's time limit, in its kind of day. */
  timeLimit: { amount: number; dayKind: DayKind } | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  decidedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const date = (v: string | null) => (v === null ? null : new Date(v));

export function matterFromRow(row: MatterRow): Matter {
  return {
    id: row.id,
    agencyId: row.agency_id,
    receiptNumber: row.receipt_number,
    subject: row.subject,
    kind: row.kind as MatterKind,
    status: row.status as MatterStatus,
    version: row.version,
    unitId: row.unit_id,
    assignedTo: row.assigned_to,
    assignedAt: date(row.assigned_at),
    clockStart: date(row.clock_start),
    timeLimit: row.time_limit ? (JSON.parse(row.time_limit) as Matter["timeLimit"]) : null,
    dueAt: date(row.due_at),
    pausedAt: date(row.paused_at),
    decidedAt: date(row.decided_at),
    endedAt: date(row.ended_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** One line of a matter's timeline. */
export interface MatterActionRecord {
  id: string;
  matterId: string;
  version: number;
  action: string;
  from: MatterStatus;
  to: MatterStatus;
  actor: string;
  at: Date;
  payload: Record<string, unknown>;
  visibility: "public" | "officers";
}

export function matterActionFromRow(row: MatterActionRow): MatterActionRecord {
  return {
    id: row.id,
    matterId: row.matter_id,
    version: row.version,
    action: row.action,
    from: row.from_status as MatterStatus,
    to: row.to_status as MatterStatus,
    actor: row.actor,
    at: new Date(row.at),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    visibility: row.visibility,
  };
}
