import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findAgency, saveAgency } from "./agencies.repo.js";
import { EMAIL_PATTERN } from "./agency.js";
import type { AdminContext } from "./update-agency.js";

/** #12 correspondence: what letters and delay notices need of the agency. */
export interface LetterSettings {
  /** ES-1: the code of its ที่, e.g. `นร 0106` (the register's number follows after "/"). */
  letterCode: string;
  /** LF-5: where copies of delay notices go; empty: not configured. */
  opdcEmail: string;
  /** ES-1: the letterhead's postal address. */
  postalAddress: string;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });
// Thai or Latin letters, digits, spaces, dots and hyphens (มท 0201.2/…); never "/", which the number adds.
const LETTER_CODE = /^[\u0E01-\u0E4EA-Za-z0-9][\u0E01-\u0E4EA-Za-z0-9 .-]{0,38}[\u0E01-\u0E4EA-Za-z0-9.]$/;

/**
 * An admin sets the agency's letter code, OPDC address and postal address, checked and audited.
 * Letters already numbered keep their ที่ (it is stored with them). Throws VALIDATION_FAILED,
 * AGENCY_NOT_FOUND.
 */
export async function setLetterSettings(
  handle: DatabaseHandle,
  agencyId: string,
  settings: LetterSettings,
  ctx: AdminContext,
): Promise<void> {
  const letterCode = settings.letterCode.trim().replace(/\s+/g, " ");
  const opdcEmail = settings.opdcEmail.trim().toLowerCase();
  const postalAddress = settings.postalAddress.trim().replace(/\s*\r?\n\s*/g, " ");
  if (!LETTER_CODE.test(letterCode)) throw invalid("letterCode");
  if (opdcEmail && (!EMAIL_PATTERN.test(opdcEmail) || opdcEmail.length > 254)) throw invalid("opdcEmail");
  if (!postalAddress || postalAddress.length > 500) throw invalid("postalAddress");
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const current = await findAgency(trx, agencyId);
    if (!current) throw new AppError("AGENCY_NOT_FOUND");
    await saveAgency(trx, { ...current, letterCode, opdcEmail: opdcEmail || null, postalAddress }, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.set-letter-settings",
      subjectType: "agency",
      subjectId: agencyId,
      data: {
        from: {
          letterCode: current.letterCode,
          opdcEmail: current.opdcEmail,
          postalAddress: current.postalAddress,
        },
        to: { letterCode, opdcEmail: opdcEmail || null, postalAddress },
      },
      ip: ctx.ip,
      at,
    });
  });
}
