import type { Role } from "../staff/index.js";
import type { StatusTable, SYSTEM_ROLE } from "../workflow/index.js";
import type { LicenceStatus } from "./licensing.table.js";

export type LicenceAction =
  | "issue"
  | "suspend"
  | "reinstate"
  | "revoke"
  | "expire"
  // the edition is replaced: an amendment (same number, next edition) or a renewal (a new number)
  | "amend"
  | "renew";

export type LicenceActorRole = Role | typeof SYSTEM_ROLE;

/** Who issues and amends: the casework roles that may close an application. */
const ISSUE = ["reviewer", "approver", "supervisor", "head_of_agency", "admin"] as const;
/** Who suspends and revokes: those who may decide. */
const DECIDE = ["approver", "supervisor", "head_of_agency", "admin"] as const;

/**
 * #15: a licence's lifecycle as data. Each action is written by `recordLicenceAction` with its event,
 * the new status and the audit row in one transaction; the verification page and the public register
 * read the status as it is, so each takes effect at once (LC-3). Revoked and superseded editions end.
 */
export const LICENCE_STATUSES: StatusTable<LicenceStatus, LicenceAction, LicenceActorRole> = {
  issued: {
    suspend: { next: "suspended", by: DECIDE },
    revoke: { next: "revoked", by: DECIDE },
    expire: { next: "expired", by: ["system"] },
    amend: { next: "superseded", by: [...ISSUE, "system"] },
    renew: { next: "superseded", by: [...ISSUE, "system"] },
  },
  suspended: {
    reinstate: { next: "issued", by: DECIDE },
    revoke: { next: "revoked", by: DECIDE },
    expire: { next: "expired", by: ["system"] },
  },
  expired: {
    renew: { next: "superseded", by: [...ISSUE, "system"] },
  },
  revoked: {},
  superseded: {},
};
