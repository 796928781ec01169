import { officerScope } from "../casework/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter } from "../register/index.js";
import { REGISTER_ROLES, type Role } from "../staff/index.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import { findLetter } from "./letters.repo.js";

/** Who writes and sends the agency's letters (ES-1): the saraban officer, supervisors, admins. */
export const LETTER_WRITERS: readonly Role[] = ["saraban_officer", "supervisor", "admin"];
export const writesLetters = (roles: readonly Role[]) => roles.some((r) => LETTER_WRITERS.includes(r));

/** Whether an officer works the outgoing register itself (the saraban, supervisors, the head, admins). */
export const keepsRegister = (roles: readonly Role[]) => roles.some((r) => REGISTER_ROLES.includes(r));

/**
 * A letter an officer may read: every letter for those who keep the register; a matter's letter for
 * the officers whose casework reaches the matter (its unit's). Anything else is LETTER_NOT_FOUND, as if
 * it did not exist (no direct object reference across units or agencies).
 */
export async function readableLetter(
  db: Db,
  agencyId: string,
  letterId: string,
  staff: { roles: readonly Role[]; unitIds: readonly string[] },
): Promise<OutgoingLetterRow> {
  const letter = await findLetter(db, agencyId, letterId);
  if (!letter) throw new AppError("LETTER_NOT_FOUND");
  if (keepsRegister(staff.roles)) return letter;
  if (letter.matter_id) {
    const { unitIds } = officerScope(staff);
    const matter = await findMatter(db, agencyId, letter.matter_id);
    if (matter && (!unitIds || (matter.unitId !== null && unitIds.includes(matter.unitId)))) return letter;
  }
  throw new AppError("LETTER_NOT_FOUND");
}
