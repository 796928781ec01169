import { officerScope } from "../casework/index.js";
import type { Role } from "../staff/index.js";
import type { Licence } from "./licence.js";

type Officer = { roles: readonly Role[]; unitIds: readonly string[] };

/**
 * The units whose licences an officer sees: undefined for agency-wide roles (every licence of the
 * agency), else their own units, as casework scopes the matters themselves.
 */
export const licenceUnits = (staff: Officer): readonly string[] | undefined => officerScope(staff).unitIds;

/** Whether an officer may see and act on a licence: one issued while its matter was with their unit. */
export function licenceInScope(staff: Officer, licence: Pick<Licence, "unitId">): boolean {
  const units = licenceUnits(staff);
  return units === undefined || (licence.unitId !== null && units.includes(licence.unitId));
}
