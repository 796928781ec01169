import type { Role } from "../staff/index.js";

/** Roles that see and work every matter of the agency; other officers work their units' matters. */
export const AGENCY_WIDE_ROLES: readonly Role[] = ["supervisor", "head_of_agency", "admin"];

/**
 * Which matters an officer's casework reaches: the agency's for supervisors, the head of agency and
 * admins; else only matters routed to one of their units (pass `unitIds` to `recordAction`).
 */
export function officerScope(staff: { roles: readonly Role[]; unitIds: readonly string[] }): {
  unitIds?: readonly string[];
} {
  return staff.roles.some((r) => AGENCY_WIDE_ROLES.includes(r)) ? {} : { unitIds: staff.unitIds };
}
