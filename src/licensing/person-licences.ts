import type { Db } from "../platform/db/database.js";

/** A licence as the export gives it to its holder (PD-3); the PDF is copied into the export's files. */
export interface PersonLicence {
  id: string;
  matterId: string | null;
  numberText: string;
  edition: number;
  status: string;
  titleTh: string;
  titleEn: string;
  holderName: string;
  fields: unknown;
  validFrom: string;
  validUntil: string | null;
  issuedAt: string;
  pdfKey: string;
  pdfSha256: string;
}

/**
 * #17 export (PD-3, s.30): the licences issued on these matters only (the matters the export already tied
 * to the person), every edition; sealed columns come out opened by the plugin.
 */
export async function listPersonLicences(
  db: Db,
  agencyId: string,
  matterIds: readonly string[],
): Promise<PersonLicence[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom("licences")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("matter_id", "in", [...matterIds])
    .orderBy("issued_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    matterId: r.matter_id,
    numberText: r.number_text,
    edition: Number(r.edition),
    status: r.status,
    titleTh: r.title_th,
    titleEn: r.title_en,
    holderName: r.holder_name,
    fields: JSON.parse(r.fields) as unknown,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    issuedAt: r.issued_at,
    pdfKey: r.pdf_key,
    pdfSha256: r.pdf_sha256,
  }));
}
