import type { Selectable } from "kysely";
import { sha256Hex } from "../platform/ids.js";
import type { BroadcastEventsTable, BroadcastStatus, BroadcastsTable } from "./broadcasts.table.js";

/** LINE's limit on one text message (CH-10). */
export const LINE_TEXT_MAX = 5000;

export interface Broadcast {
  id: string;
  channel: "line";
  title: string;
  textTh: string;
  textEn: string | null;
  status: BroadcastStatus;
  version: number;
  draftedBy: string;
  editedBy: string;
  approvedBy: string | null;
  approvedHash: string | null;
  estimatedRecipients: number | null;
  failure: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface BroadcastEvent {
  action: string;
  fromStatus: BroadcastStatus | null;
  toStatus: BroadcastStatus;
  reason: string | null;
  actor: string;
  at: string;
}

export const broadcastOf = (row: Selectable<BroadcastsTable>): Broadcast => ({
  id: row.id,
  channel: row.channel,
  title: row.title,
  textTh: row.text_th,
  textEn: row.text_en,
  status: row.status,
  version: Number(row.version),
  draftedBy: row.drafted_by,
  editedBy: row.edited_by,
  approvedBy: row.approved_by,
  approvedHash: row.approved_hash,
  estimatedRecipients: row.estimated_recipients === null ? null : Number(row.estimated_recipients),
  failure: row.failure,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sentAt: row.sent_at,
});

export const broadcastEventOf = (row: Selectable<BroadcastEventsTable>): BroadcastEvent => ({
  action: row.action,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  reason: row.reason,
  actor: row.actor,
  at: row.at,
});

/** What an approver approves: the channel and the exact texts. Sending refuses any other hash (CH-10). */
export const contentHash = (b: { channel: string; textTh: string; textEn: string | null }): string =>
  sha256Hex(JSON.stringify([b.channel, b.textTh, b.textEn ?? ""]));

/** The texts LINE receives, Thai first. */
export const broadcastTexts = (b: { textTh: string; textEn: string | null }): string[] =>
  b.textEn ? [b.textTh, b.textEn] : [b.textTh];
