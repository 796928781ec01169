import type { Selectable } from "kysely";

/** ES-1, RG-7: the outgoing register's counter, one per agency and Buddhist year (gapless). */
export interface OutgoingCountersTable {
  agency_id: string;
  be_year: number;
  last_number: number;
}

/** ES-1: urgency (ชั้นความเร็ว), least to most. */
export const URGENCIES = ["normal", "urgent", "very_urgent", "most_urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];
/** ES-1: secrecy (ชั้นความลับ), least to most; `top_secret` (ลับที่สุด) is never sent by email. */
export const SECRECIES = ["normal", "confidential", "secret", "top_secret"] as const;
export type Secrecy = (typeof SECRECIES)[number];

/**
 * One line of the outgoing register (ทะเบียนหนังสือส่ง) and the letter itself: its fields in the order
 * of the saraban regulation's form, from which its PDF is drawn. Never changed once written.
 */
export interface OutgoingLettersTable {
  id: string;
  agency_id: string;
  be_year: number;
  sequence: number;
  /** ที่: the agency's letter code, "/", the register number, e.g. `นร 0106/123`. */
  number: string;
  /** "external" (หนังสือภายนอก) or "memo" (บันทึกข้อความ). */
  kind: "external" | "memo";
  /** What it is in the casework: deficiency-record, refusal, decision, delay-notice, memo, other. */
  purpose: string;
  matter_id: string | null;
  /** RG-7: the incoming entry this letter answers. */
  replies_to_entry_id: string | null;
  /** YYYY-MM-DD in the agency's time zone. */
  letter_date: string;
  from_name: string;
  to_name: string;
  subject: string;
  /** คำขึ้นต้น, e.g. "เรียน นายสมชาย ใจดี". */
  salutation: string;
  /** อ้างถึง. */
  reference: string | null;
  /** JSON array of สิ่งที่ส่งมาด้วย. */
  enclosures: string;
  body: string;
  /** คำลงท้าย, e.g. "ขอแสดงความนับถือ". */
  closing: string;
  signer_name: string;
  signer_position: string;
  /** ส่วนราชการเจ้าของเรื่อง (the unit), with its phone when known. */
  owner_unit: string;
  urgency: string;
  secrecy: string;
  /** `staff:<id>` or the system part's name. */
  created_by: string;
  created_at: string;
  /** #12 correspondence: the compose form's one-time key (a double click gives one letter); null otherwise. */
  form_key: string | null;
}

export type OutgoingLetterRow = Selectable<OutgoingLettersTable>;

/**
 * CH-1, CH-13: the s.10 announcement of the agency's electronic channels, the s.16 command, or (#15 s13,
 * LC-3) the s.13 announcement of how its licences are displayed and checked electronically.
 */
export type AnnouncementKind = "s10" | "s16" | "s13";

/** Every kind, in the order the admin's form offers them. */
export const ANNOUNCEMENT_KINDS: readonly AnnouncementKind[] = ["s10", "s16", "s13"];

/** An announcement or command as issued; one of each kind is in force (`superseded_at` null). */
export interface AnnouncementsTable {
  id: string;
  agency_id: string;
  kind: AnnouncementKind;
  be_year: number;
  /** A command's number in its Buddhist year (ที่ n/พ.ศ.); null for an announcement. */
  number: number | null;
  title: string;
  text: string;
  signer_name: string;
  signer_position: string;
  /** YYYY-MM-DD. */
  effective_from: string;
  superseded_at: string | null;
  created_by: string;
  created_at: string;
}

export type AnnouncementRow = Selectable<AnnouncementsTable>;
