import type { Text } from "../catalog/index.js";
import type { LicenceOrigin, LicenceStatus, LicencesTable } from "./licensing.table.js";

/** A line as printed on the licence (PR-1: the register shows the same lines). */
export interface PrintedField {
  key: string;
  label: Text;
  value: string;
}

/** #15: one edition of a licence as the domain reads it. */
export interface Licence {
  id: string;
  agencyId: string;
  matterId: string | null;
  /** The unit its matter was with when issued; unit-bound officers see their units' licences. */
  unitId: string | null;
  serviceCode: string;
  serviceVersionId: string | null;
  series: string;
  beYear: number;
  sequence: number | null;
  number: string;
  edition: number;
  status: LicenceStatus;
  title: Text;
  holderName: string;
  fields: PrintedField[];
  conditions: Text[];
  validFrom: string;
  validUntil: string | null;
  signer: { name: string; position: string };
  verificationCode: string;
  pdfKey: string;
  pdfSha256: string;
  origin: LicenceOrigin;
  /** RG-6: a paper licence's scan, once recorded; until then its PDF is the printable one, unsigned. */
  scannedAt: string | null;
  scannedBy: string | null;
  displayed: boolean;
  confidential: boolean;
  previousId: string | null;
  supersededBy: string | null;
  statusReason: string | null;
  statusChangedAt: string | null;
  issuedAt: string;
  issuedBy: string;
  version: number;
}

export type LicenceRow = {
  [K in keyof LicencesTable]: LicencesTable[K] extends import("kysely").Generated<infer T>
    ? T
    : LicencesTable[K];
};

export function licenceFromRow(row: LicenceRow): Licence {
  return {
    id: row.id,
    agencyId: row.agency_id,
    matterId: row.matter_id,
    unitId: row.unit_id,
    serviceCode: row.service_code,
    serviceVersionId: row.service_version_id,
    series: row.series,
    beYear: Number(row.be_year),
    sequence: row.sequence === null ? null : Number(row.sequence),
    number: row.number_text,
    edition: Number(row.edition),
    status: row.status,
    title: { th: row.title_th, en: row.title_en },
    holderName: row.holder_name,
    fields: JSON.parse(row.fields) as PrintedField[],
    conditions: JSON.parse(row.conditions) as Text[],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    signer: { name: row.signer_name, position: row.signer_position },
    verificationCode: row.verification_code,
    pdfKey: row.pdf_key,
    pdfSha256: row.pdf_sha256,
    origin: row.origin,
    scannedAt: row.scanned_at,
    scannedBy: row.scanned_by,
    displayed: Number(row.displayed) === 1,
    confidential: Number(row.confidential) === 1,
    previousId: row.previous_id,
    supersededBy: row.superseded_by,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    version: Number(row.version),
  };
}

/**
 * LC-3: the verification link printed as the licence's QR: on the agency's own origin (never a shared
 * host's `/a/<id>` path), the number as printed and the code stored with the licence.
 */
export function verificationUrl(
  origin: string,
  licence: Pick<Licence, "number" | "verificationCode">,
): string {
  return `${origin.replace(/\/+$/, "")}/verify/${encodeURIComponent(licence.number)}?c=${licence.verificationCode}`;
}
