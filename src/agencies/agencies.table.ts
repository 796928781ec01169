import type { Generated, Selectable } from "kysely";

export interface AgenciesTable {
  id: string;
  name_th: string;
  name_en: string;
  domain: string;
  /** JSON array of hostnames that select this agency. */
  hostnames: string;
  central_email: string;
  /** JSON array of phone numbers, the first one printed on acknowledgements (CH-4). */
  phones: string;
  time_zone: string;
  /** JSON BusinessHours. */
  business_hours: string;
  holiday_calendar: string;
  /** JSON array of roles that must log in with a second factor. */
  totp_required_roles: Generated<string>;
  /** CH-4: the agency's own acknowledgement text, replacing the default (null: the default). */
  acknowledgement_text_th: string | null;
  acknowledgement_text_en: string | null;
  /** ES-1: the code before "/" in the ที่ of its letters (e.g. "นร 0106"); null: not set yet. */
  letter_code: Generated<string | null>;
  /** LF-5: where a copy of every delay notice goes (the OPDC's address the agency was given). */
  opdc_email: Generated<string | null>;
  /** ES-1: the address printed under the agency's name on its letters. */
  postal_address: Generated<string | null>;
  /** #13 ID-3: the agency's video tool link template ({appointment} is replaced); null: none. */
  video_call_url: Generated<string | null>;
  /** #15 LC-3: the agency's own origin its licences' QR codes and verification links name. */
  licence_origin: Generated<string | null>;
  /** #15 LC-1: the emblem printed on its licences (file store key). */
  emblem_key: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  agency_id: string;
  code: string;
  name_th: string;
  name_en: string;
  phone: string | null;
  created_at: string;
}

export type AgencyRow = Selectable<AgenciesTable>;
export type UnitRow = Selectable<UnitsTable>;

/** CH-8: an agency that a misdirected request may be referred to, kept by the admin. */
export interface ReferralAgenciesTable {
  id: string;
  agency_id: string;
  name_th: string;
  name_en: string;
  /** Where to reach it: an address, a web page or a phone number. */
  contact: string;
  created_at: string;
}
