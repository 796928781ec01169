import type { SealedColumns } from "../platform/crypto/index.js";

/** ID-7: identity's columns that hold personal data, stored sealed. */
export const IDENTITY_SEALED_COLUMNS: SealedColumns = {
  citizen_accounts: ["display_name", "email", "phone", "national_id"],
  identity_proofs: ["evidence", "checklist"],
  // #13 video-juristic
  video_appointments: ["note"],
  delegations: ["acting_name", "juristic_name", "note"],
  // #13 sign-in: where a one-time code went
  sign_in_codes: ["destination"],
  // #13 proofing
  phone_proof_codes: ["phone"],
};
