import type { Role } from "../staff/index.js";

/**
 * #16 faq: who does what. The officers who receive and work questions log them and record the answer
 * (RG-2); publishing to the public FAQ or withdrawing from it is a decision of the supervisor, the head
 * of agency or the admin (IF-4), as the webboard's answers need approval before they are public (WB-4).
 */
export const REQUEST_LOG_ROLES: readonly Role[] = [
  "saraban_officer",
  "reviewer",
  "approver",
  "supervisor",
  "head_of_agency",
  "admin",
];
export const FAQ_PUBLISH_ROLES: readonly Role[] = ["supervisor", "head_of_agency", "admin"];

export const mayPublishFaq = (roles: readonly Role[]) => roles.some((r) => FAQ_PUBLISH_ROLES.includes(r));

/** The officer acting: their id, roles and units (the register's unit scope). */
export interface FaqOfficer {
  staffId: string;
  roles: readonly Role[];
  unitIds: readonly string[];
}

/** Agency-wide roles see every logged question; others their units' and, for the saraban, unrouted ones. */
const AGENCY_WIDE: readonly Role[] = ["supervisor", "head_of_agency", "admin"];

export function logUnits(officer: Pick<FaqOfficer, "roles" | "unitIds">): readonly string[] | undefined {
  return officer.roles.some((r) => AGENCY_WIDE.includes(r)) ? undefined : officer.unitIds;
}

/** Whether a question of this unit is the officer's (another unit's is a 404). */
export function inLogScope(officer: Pick<FaqOfficer, "roles" | "unitIds">, unitId: string | null): boolean {
  const units = logUnits(officer);
  if (units === undefined) return true;
  if (unitId === null) return officer.roles.includes("saraban_officer");
  return units.includes(unitId);
}
