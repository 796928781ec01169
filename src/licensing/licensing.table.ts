import type { Generated } from "kysely";

export type LicenceStatus = "issued" | "superseded" | "suspended" | "revoked" | "expired";
/** signed: Borikan made and signed it; paper-scan: signed on paper and scanned back (RG-6); backfill: PR-3. */
export type LicenceOrigin = "signed" | "paper-scan" | "backfill";

/** #15 (LC-1, PR-1): one edition of a licence; everything printed on it, and its current status. */
export interface LicencesTable {
  id: string;
  agency_id: string;
  matter_id: string | null;
  /** The unit the matter was with when the licence was issued (officers' scope); null: agency-wide only. */
  unit_id: string | null;
  service_code: string;
  service_version_id: string | null;
  series: string;
  be_year: number;
  /** The running number; null for a back-filled licence whose number is not of the series' form. */
  sequence: number | null;
  number_text: string;
  edition: Generated<number>;
  status: LicenceStatus;
  title_th: string;
  title_en: string;
  holder_name: string;
  /** JSON `PrintedField[]`. */
  fields: string;
  /** JSON `Text[]`. */
  conditions: string;
  /** YYYY-MM-DD in the agency's time zone. */
  valid_from: string;
  valid_until: string | null;
  signer_name: string;
  signer_position: string;
  verification_code: string;
  pdf_key: string;
  pdf_sha256: string;
  origin: LicenceOrigin;
  /** RG-6: when a paper licence's signed scan replaced its printable PDF, by whom; JSON facts of the scan. */
  scanned_at: string | null;
  scanned_by: string | null;
  scan_facts: string | null;
  /** 1: shown in the public register (s.13). */
  displayed: number;
  /** 1: delivered protected (DL-3). */
  confidential: number;
  previous_id: string | null;
  superseded_by: string | null;
  status_reason: string | null;
  status_changed_at: string | null;
  issued_at: string;
  issued_by: string;
  version: Generated<number>;
}

export interface LicenceCountersTable {
  agency_id: string;
  series: string;
  be_year: number;
  last_sequence: number;
}

/** One lifecycle action of a licence: issued, suspended, revoked … with its reason and its actor. */
export interface LicenceEventsTable {
  id: string;
  agency_id: string;
  licence_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  actor: string;
  at: string;
  data: string | null;
}
