import type { Matter } from "../register/index.js";
import type { Role } from "../staff/index.js";

/**
 * Roles that see and work every matter of the agency; other officers work their units' matters. The
 * finance officer collects every unit's fees (PY-3); the status tables let them act only on payments.
 */
export const AGENCY_WIDE_ROLES: readonly Role[] = [
  "supervisor",
  "head_of_agency",
  "admin",
  "finance_officer",
];

/**
 * Which matters an officer's casework reaches: the agency's for supervisors, the head of agency and
 * admins; else only matters routed to one of their units (pass `unitIds` to `recordAction`).
 */
export function officerScope(staff: { roles: readonly Role[]; unitIds: readonly string[] }): {
  unitIds?: readonly string[];
} {
  return staff.roles.some((r) => AGENCY_WIDE_ROLES.includes(r)) ? {} : { unitIds: staff.unitIds };
}

/** RG-5: the saraban officer routes matters no unit has yet (and sees them for that). */
export const isSaraban = (staff: { roles: readonly Role[] }) => staff.roles.includes("saraban_officer");

/**
 * The scope an officer acts on one matter with, or undefined when it is not theirs (404): their units'
 * matters, the agency's for agency-wide roles, and matters not yet routed for the saraban officer.
 */
export function matterScope(
  staff: { roles: readonly Role[]; unitIds: readonly string[] },
  matter: Pick<Matter, "unitId">,
): { unitIds?: readonly string[] } | undefined {
  const scope = officerScope(staff);
  if (!scope.unitIds) return scope;
  if (matter.unitId === null) return isSaraban(staff) ? {} : undefined;
  return scope.unitIds.includes(matter.unitId) ? scope : undefined;
}
