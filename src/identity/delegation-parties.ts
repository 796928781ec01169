import type { ApplicationRow } from "../forms/index.js";
import { idNumberLookupKey, type Sealer } from "../platform/crypto/index.js";

/** FM-5: who a juristic application names: the company and the person acting for it, and the proof. */
export interface JuristicParties {
  juristicId: string;
  juristicName: string;
  juristicIdHmac: string;
  actingName: string;
  actingPosition: string;
  actingIdHmac: string;
  /** The last four digits only: enough for the officer to compare with the card (ID-7: no full copy). */
  actingIdTail: string;
  documentAttachmentId: string | null;
  eStampReference: string | null;
}

/**
 * The parties of a juristic application from its plain values (the keyed hashes made here agree with
 * those of the sealing part's `applicant_id_hmac` / `acting_id_hmac`), or undefined for a person's
 * application or one without both 13-digit IDs.
 */
export function juristicParties(
  sealer: Sealer,
  application: ApplicationRow,
  documents: { documentId: string; attachmentId: string; eStampReference: string | null }[],
  delegationItems: readonly string[],
): JuristicParties | undefined {
  if (application.applicant_type !== "juristic" || !application.acting_person) return undefined;
  const acting = JSON.parse(application.acting_person) as {
    name?: string;
    idNumber?: string;
    position?: string;
  };
  const juristicIdHmac = idNumberLookupKey(sealer, application.applicant_id_number);
  const actingIdHmac = idNumberLookupKey(sealer, acting.idNumber);
  if (!juristicIdHmac || !actingIdHmac || !application.applicant_id_number) return undefined;
  const document = documents.find((d) => delegationItems.includes(d.documentId));
  return {
    juristicId: application.applicant_id_number,
    juristicName: application.applicant_name,
    juristicIdHmac,
    actingName: acting.name ?? "",
    actingPosition: acting.position ?? "",
    actingIdHmac,
    actingIdTail: (acting.idNumber ?? "").slice(-4),
    documentAttachmentId: document?.attachmentId ?? null,
    eStampReference: document?.eStampReference ?? null,
  };
}
