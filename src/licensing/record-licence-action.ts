import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { type Actor, actorRoles, auditActor, nextStatus } from "../workflow/index.js";
import type { Licence } from "./licence.js";
import { LICENCE_STATUSES, type LicenceAction, type LicenceActorRole } from "./licence-statuses.js";
import { findLicence, lockLicence } from "./licences.repo.js";

export interface LicenceActionInput {
  agencyId: string;
  licenceId: string;
  action: Exclude<LicenceAction, "issue">;
  /** Required of an officer's suspension, revocation, amendment (shown on the verification page). */
  reason: string | null;
  actor: Actor<LicenceActorRole>;
  at: Date;
  /** The version the officer's page showed: a change since then is LICENCE_STALE. */
  expectedVersion?: number;
  /** The edition that replaces this one (amend, renew). */
  supersededBy?: string;
  /** What else the event records (e.g. the scan's facts). */
  data?: Record<string, unknown>;
  ip?: string;
}

/**
 * #15: the one way a licence's status changes, inside the caller's transaction: the status table is
 * asked (LICENCE_ACTION_NOT_ALLOWED, ACTION_FORBIDDEN), then the status, the event and the audit row
 * are written together.
 */
export async function recordLicenceAction(trx: Db, input: LicenceActionInput): Promise<Licence> {
  const licence = await lockLicence(trx, input.agencyId, input.licenceId);
  if (!licence) throw new AppError("LICENCE_NOT_FOUND");
  if (input.expectedVersion !== undefined && input.expectedVersion !== licence.version)
    throw new AppError("LICENCE_STALE");
  let next: Licence["status"];
  try {
    next = nextStatus(
      LICENCE_STATUSES,
      licence.status,
      input.action,
      actorRoles(input.actor) as readonly LicenceActorRole[],
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
      throw new AppError("LICENCE_ACTION_NOT_ALLOWED", { status: licence.status, action: input.action });
    throw error;
  }
  const at = input.at.toISOString();
  await trx
    .updateTable("licences")
    .set({
      status: next,
      status_reason: input.reason,
      status_changed_at: at,
      superseded_by: input.supersededBy ?? licence.supersededBy,
      version: licence.version + 1,
    })
    .where("id", "=", licence.id)
    .execute();
  await trx
    .insertInto("licence_events")
    .values({
      id: newId(),
      agency_id: input.agencyId,
      licence_id: licence.id,
      action: input.action,
      from_status: licence.status,
      to_status: next,
      reason: input.reason,
      actor: auditActor(input.actor),
      at,
      data:
        input.data || input.supersededBy
          ? JSON.stringify({ ...input.data, supersededBy: input.supersededBy })
          : null,
    })
    .execute();
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor: auditActor(input.actor),
    action: `licence.${input.action}`,
    subjectType: "licence",
    subjectId: licence.id,
    data: { number: licence.number, edition: licence.edition, status: { from: licence.status, to: next } },
    ip: input.ip,
    at,
  });
  return (await findLicence(trx, input.agencyId, licence.id))!;
}
