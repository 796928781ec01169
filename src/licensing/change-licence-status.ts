import { withTransaction } from "../platform/db/database.js";
import type { Actor } from "../workflow/index.js";
import { checkReason } from "./check-licence-action.js";
import type { Licence } from "./licence.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { recordLicenceAction } from "./record-licence-action.js";

/** The officer's acts that change a licence's status without a new edition. */
export const STATUS_ACTIONS = ["suspend", "reinstate", "revoke"] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export interface ChangeLicenceStatusInput {
  agencyId: string;
  licenceId: string;
  action: StatusAction;
  /** Required: the verification page shows why a licence is suspended or revoked (LC-3). */
  reason: string;
  actor: Actor<LicenceActorRole>;
  at: Date;
  expectedVersion?: number;
  ip?: string;
}

/**
 * LC-3: suspends, reinstates or revokes a licence with the officer's reason, at once: the verification
 * page and the public register read the status this transaction writes. Revocation is final. Throws
 * LICENCE_REASON_REQUIRED, LICENCE_NOT_FOUND, LICENCE_ACTION_NOT_ALLOWED, ACTION_FORBIDDEN, LICENCE_STALE.
 */
export async function changeLicenceStatus(
  deps: Pick<LicensingDeps, "handle">,
  input: ChangeLicenceStatusInput,
): Promise<Licence> {
  const reason = checkReason(input.reason);
  return withTransaction(deps.handle, (trx) =>
    recordLicenceAction(trx, {
      agencyId: input.agencyId,
      licenceId: input.licenceId,
      action: input.action,
      reason,
      actor: input.actor,
      at: input.at,
      expectedVersion: input.expectedVersion,
      ip: input.ip,
    }),
  );
}
