import { AppError } from "../platform/errors.js";
import { type Actor, actorRoles, nextStatus } from "../workflow/index.js";
import type { Licence } from "./licence.js";
import { LICENCE_STATUSES, type LicenceAction, type LicenceActorRole } from "./licence-statuses.js";

/** Whether the status table lets the actor take the action on the licence now (pages offer only these). */
export function canTakeLicenceAction(
  licence: Pick<Licence, "status">,
  action: LicenceAction,
  actor: Actor<LicenceActorRole>,
): boolean {
  const rule = LICENCE_STATUSES[licence.status][action];
  const roles = actorRoles(actor) as readonly LicenceActorRole[];
  return !!rule && roles.some((role) => rule.by.includes(role));
}

/**
 * The status table asked before any work (a PDF signed, a number taken) so that a refused act writes
 * nothing at all: LICENCE_ACTION_NOT_ALLOWED (409) or ACTION_FORBIDDEN (403), as recordLicenceAction.
 */
export function checkLicenceAction(
  licence: Licence,
  action: LicenceAction,
  actor: Actor<LicenceActorRole>,
  expectedVersion?: number,
): void {
  if (expectedVersion !== undefined && expectedVersion !== licence.version)
    throw new AppError("LICENCE_STALE");
  try {
    nextStatus(LICENCE_STATUSES, licence.status, action, actorRoles(actor) as readonly LicenceActorRole[]);
  } catch (error) {
    if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
      throw new AppError("LICENCE_ACTION_NOT_ALLOWED", { status: licence.status, action });
    throw error;
  }
}

/** LC-3: an officer's reason is shown on the verification page: required, one paragraph, bounded. */
export const MAX_REASON_CHARS = 500;

export function checkReason(reason: string | null | undefined): string {
  const text = (reason ?? "").trim();
  if (!text) throw new AppError("LICENCE_REASON_REQUIRED");
  if (text.length > MAX_REASON_CHARS)
    throw new AppError("FIELD_TOO_LONG", { field: "reason", max: MAX_REASON_CHARS }, { field: "reason" });
  return text;
}
