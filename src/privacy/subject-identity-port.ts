import type { Db } from "../platform/db/database.js";
import type { PersonKeys } from "../register/index.js";

/**
 * What data-subject requests ask of identity, passed in by the app (identity already reads privacy's
 * data-read log, so privacy may not import it back): identity's index exports `subjectIdentity`.
 */
export interface SubjectIdentityPort {
  findCitizenEmail(db: Db, agencyId: string, accountId: string): Promise<string | undefined>;
  requesterDelegation(
    db: Db,
    input: { agencyId: string; accountId: string; delegationId: string; at: Date },
  ): Promise<{ id: string } | undefined>;
  subjectIdentityVerified(
    db: Db,
    citizen: { agencyId: string; accountId: string },
    signIn: { provider: string; ial: string | null },
    at: Date,
  ): Promise<boolean>;
  citizenKeys(db: Db, citizen: { agencyId: string; accountId: string }): Promise<PersonKeys | undefined>;
  personAccountData(db: Db, agencyId: string, accountId: string): Promise<unknown>;
}
