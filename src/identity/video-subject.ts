import { matterScope } from "../casework/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, type Matter } from "../register/index.js";
import type { Role } from "../staff/index.js";

/** An officer acting on a matter's identity check (from the staff session). */
export interface IdentityOfficer {
  staffId: string;
  roles: readonly Role[];
  unitIds: readonly string[];
  at: Date;
  ip?: string;
}

/**
 * An application's matter within the officer's scope, with its application; another agency's or unit's
 * matter, or one that is no application, is MATTER_NOT_FOUND (404), as if absent.
 */
export async function loadIdentitySubject(
  db: Db,
  agencyId: string,
  matterId: string,
  officer: IdentityOfficer,
) {
  const matter = await findMatter(db, agencyId, matterId);
  if (matter?.kind !== "application") throw new AppError("MATTER_NOT_FOUND");
  const scope = matterScope(officer, matter);
  if (!scope) throw new AppError("MATTER_NOT_FOUND");
  const application = await findApplicationOfMatter(db, matter.id);
  if (!application) throw new AppError("MATTER_NOT_FOUND");
  return { matter: matter as Matter, application, scope };
}

export const staffActor = (officer: IdentityOfficer) =>
  ({ kind: "staff", staffId: officer.staffId, roles: [...officer.roles] }) as const;
