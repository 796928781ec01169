import { findAgency } from "../agencies/index.js";
import { isValidDate } from "../calendar/index.js";
import { findServiceVersion, type Text } from "../catalog/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import type { Actor } from "../workflow/index.js";
import { checkLicenceAction, checkReason } from "./check-licence-action.js";
import type { Licence } from "./licence.js";
import { insertSuccessorEdition } from "./licence-editions.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { findLicence, lockLicence } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { recordLicenceAction } from "./record-licence-action.js";
import { redatedFields } from "./renew-licence.js";

export interface AmendLicenceInput {
  agencyId: string;
  licenceId: string;
  actor: Actor<LicenceActorRole>;
  at: Date;
  reason: string;
  /** New values of printed lines by key; lines not named keep their value. */
  fields?: Record<string, string>;
  /** The conditions as they now read (replacing the old list), when they change. */
  conditions?: Text[];
  /** A new last day (YYYY-MM-DD) or null (until revoked), when validity changes. */
  validUntil?: string | null;
  expectedVersion?: number;
  ip?: string;
}

const invalid = (detail: string) => new AppError("LICENCE_AMENDMENT_INVALID", { detail }, { field: detail });
const MAX_VALUE_CHARS = 500;

/**
 * LC-1, LC-3: amends a licence in one transaction: a new edition with the same number (edition + 1), a
 * new code and a newly signed PDF, pointing back to the old one, which is superseded pointing to it (its
 * QR then verifies as superseded). A revoked, suspended or superseded licence is refused
 * (LICENCE_ACTION_NOT_ALLOWED) before anything is made. Throws LICENCE_NOT_FOUND, LICENCE_STALE,
 * LICENCE_REASON_REQUIRED, LICENCE_AMENDMENT_INVALID, ACTION_FORBIDDEN.
 */
export async function amendLicence(deps: LicensingDeps, input: AmendLicenceInput): Promise<Licence> {
  const reason = checkReason(input.reason);
  return withTransaction(deps.handle, async (trx) => {
    const old = await lockLicence(trx, input.agencyId, input.licenceId);
    if (!old) throw new AppError("LICENCE_NOT_FOUND");
    checkLicenceAction(old, "amend", input.actor, input.expectedVersion);
    const fields = old.fields.map((f) => ({ ...f }));
    for (const [key, raw] of Object.entries(input.fields ?? {})) {
      const field = fields.find((f) => f.key === key);
      const value = raw.trim();
      if (!field || !value || value.length > MAX_VALUE_CHARS) throw invalid(`field.${key}`.slice(0, 80));
      field.value = value;
    }
    const conditions = input.conditions ?? old.conditions;
    if (conditions.some((c) => !c.th.trim() || c.th.length > MAX_VALUE_CHARS)) throw invalid("conditions");
    const validUntil = input.validUntil === undefined ? old.validUntil : input.validUntil;
    if (validUntil !== null && (!isValidDate(validUntil) || validUntil < old.validFrom))
      throw invalid("validUntil");
    if (validUntil !== old.validUntil && old.serviceVersionId) {
      // The template's date lines print the new last day (as the PDF's own "valid until" does).
      const version = await findServiceVersion(trx, old.serviceVersionId);
      const dated = redatedFields(fields, version?.definition.licence, {
        issuedOn: old.validFrom,
        validUntil,
      });
      fields.splice(0, fields.length, ...dated);
    }
    const changed =
      JSON.stringify(fields) !== JSON.stringify(old.fields) ||
      JSON.stringify(conditions) !== JSON.stringify(old.conditions) ||
      validUntil !== old.validUntil;
    if (!changed) throw invalid("unchanged");
    const agency = await findAgency(trx, input.agencyId);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    const id = await insertSuccessorEdition(
      trx,
      deps,
      agency,
      old,
      {
        number: old.number,
        series: old.series,
        beYear: old.beYear,
        sequence: old.sequence,
        edition: old.edition + 1,
        matterId: old.matterId,
        holderName: old.holderName,
        fields,
        conditions,
        validFrom: old.validFrom,
        validUntil,
      },
      { actor: input.actor, at: input.at, ip: input.ip, via: "amend" },
    );
    await recordLicenceAction(trx, {
      agencyId: input.agencyId,
      licenceId: old.id,
      action: "amend",
      reason,
      actor: input.actor,
      at: input.at,
      supersededBy: id,
      ip: input.ip,
    });
    return (await findLicence(trx, input.agencyId, id))!;
  });
}
