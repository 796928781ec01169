import { createHash, timingSafeEqual } from "node:crypto";
import { toLocal } from "../calendar/index.js";
import type { Db } from "../platform/db/database.js";
import type { Licence } from "./licence.js";
import { VERIFICATION_CODE_LENGTH } from "./licence-numbers.js";
import { findLicenceByVerificationCode, findSupersedingEdition } from "./verification.repo.js";

/** What a verification page says of a licence's standing now (LC-3). */
export type VerifiedStatus = "valid" | "superseded" | "suspended" | "revoked" | "expired";

/** How the licence came to be signed: electronically, on paper and scanned, or on paper awaiting its scan. */
export type VerifiedSigning = "electronic" | "paper-scanned" | "paper-awaiting-scan" | "backfill";

export interface LicenceVerification {
  licence: Licence;
  status: VerifiedStatus;
  signing: VerifiedSigning;
  /** A superseded edition's replacement: its number, code and edition, for the link to its own page. */
  current?: { number: string; verificationCode: string; edition: number };
}

/** The longest printed number looked up; anything longer is not a licence number of ours. */
export const MAX_LICENCE_NUMBER_LENGTH = 60;
const CODE_PATTERN = new RegExp(`^[0-9A-HJKMNP-TV-Z]{${VERIFICATION_CODE_LENGTH}}$`);

/** A code of the alphabet and length `newVerificationCode` makes; anything else is never looked up. */
export const isVerificationCodeShaped = (code: string): boolean => CODE_PATTERN.test(code);

/** Equal in time independent of where two strings first differ (their digests are compared). */
function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * LC-3: the licence a verification link names, with its current standing: a valid licence past its
 * last day reads expired even before the daily job has marked it. Undefined for a wrong, truncated or
 * unknown number or code alike, so the page cannot tell which part was wrong.
 */
export async function verifyLicence(
  db: Db,
  input: { agencyId: string; number: string; code: string; now: Date; timeZone: string },
): Promise<LicenceVerification | undefined> {
  const number = input.number.trim();
  const code = input.code.trim().toUpperCase();
  if (number.length === 0 || number.length > MAX_LICENCE_NUMBER_LENGTH || !isVerificationCodeShaped(code))
    return undefined;
  const licence = await findLicenceByVerificationCode(db, input.agencyId, code);
  // Both compared whatever the first gives, so the time taken says nothing of which was wrong.
  const numberMatches = sameText(licence?.number ?? "", number);
  const codeMatches = sameText(licence?.verificationCode ?? "", code);
  if (!licence || !numberMatches || !codeMatches) return undefined;
  const today = toLocal(input.now, input.timeZone).date;
  const verification: LicenceVerification = {
    licence,
    status: currentStatus(licence, today),
    signing: signingOf(licence),
  };
  if (licence.status === "superseded" && licence.supersededBy)
    verification.current = await findSupersedingEdition(db, input.agencyId, licence.supersededBy);
  return verification;
}

function currentStatus(licence: Licence, today: string): VerifiedStatus {
  if (licence.status === "issued")
    return licence.validUntil !== null && licence.validUntil < today ? "expired" : "valid";
  return licence.status;
}

function signingOf(licence: Licence): VerifiedSigning {
  if (licence.origin === "signed") return "electronic";
  if (licence.origin === "backfill") return "backfill";
  return licence.scannedAt ? "paper-scanned" : "paper-awaiting-scan";
}
