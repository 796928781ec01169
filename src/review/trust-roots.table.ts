import type { Selectable } from "kysely";

export interface SignatureTrustRootsTable {
  id: string;
  agency_id: string;
  name: string;
  /** The CA certificate, PEM (an uploaded DER file is kept as PEM). */
  pem: string;
  /** SHA-256 of the DER, hex with colons, as certificate viewers show it. */
  sha256: string;
  subject: string;
  valid_to: string;
  /** `staff:<id>` */
  added_by: string;
  added_at: string;
  removed_by: string | null;
  removed_at: string | null;
}

export type SignatureTrustRootRow = Selectable<SignatureTrustRootsTable>;
