import type { EntryStatus } from "./statuses.js";

/** Channels an item can arrive by (RG-1). */
export const CHANNELS = ["web", "email", "line", "paper"] as const;
export type Channel = (typeof CHANNELS)[number];

export type { EntryStatus, MatterStatus } from "./statuses.js";

export interface Entry {
  id: string;
  agencyId: string;
  matterId: string;
  beYear: number;
  sequence: number;
  receiptNumber: string;
  receivedAt: Date;
  workingStart: Date;
  acknowledgeBy: Date;
  acknowledgedAt: Date | null;
  acknowledgedVia: string | null;
  /** CH-4: the officer who recorded an acknowledgement given another way (a staff id), and their note. */
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
  channel: Channel;
  senderName: string;
  senderEmail: string | null;
  senderPhone: string | null;
  replyTo: string | null;
  subject: string;
  body: string;
  status: EntryStatus;
  language: "th" | "en";
  addressee: string | null;
  letterReference: string | null;
  letterDate: string | null;
  unitId: string | null;
  signature: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** RG-6: who scanned a paper item, and with what. */
  scannedBy: string | null;
  scanDevice: string | null;
  /** CH-4: the mail this entry came as, for answering in its thread. */
  sourceMessageId: string | null;
  sourceReferences: string[];
  /** CH-3: the time the sender wrote (a claim). */
  senderClaimedAt: Date | null;
  /** CH-9: receivedAt was read from a forwarded mail's time without a zone. */
  receivedAtClaimed: boolean;
  forwardedBy: string | null;
  /** CH-8: marked outside the agency's authority. */
  misdirectedAt: Date | null;
  referredAgencyId: string | null;
  misdirectedNote: string | null;
  /** #10, CH-4: why no acknowledgement was queued, while an officer has to look (the entry's flag). */
  ackWithheld?: string | null;
  /** #10: the sender's header as received, when it named no address Borikan may answer. */
  senderRaw?: string | null;
}

export interface AttachmentRecord {
  id: string;
  position: number;
  filename: string;
  mediaType: string | null;
  size: number;
  sha256: string | null;
  storageKey: string | null;
  viewableKey: string | null;
  refusalCode: string | null;
}
