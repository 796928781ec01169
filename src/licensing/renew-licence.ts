import { findAgency } from "../agencies/index.js";
import { addDays, toLocal } from "../calendar/index.js";
import { findServiceVersion, type LicenceTemplate } from "../catalog/index.js";
import { withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { formatDate } from "../platform/i18n/format.js";
import type { Actor } from "../workflow/index.js";
import { checkLicenceAction, MAX_REASON_CHARS } from "./check-licence-action.js";
import type { Licence, PrintedField } from "./licence.js";
import { insertSuccessorEdition } from "./licence-editions.js";
import { formatLicenceNumber, nextLicenceSequence } from "./licence-numbers.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { findLicence, lockLicence } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { recordLicenceAction } from "./record-licence-action.js";
import { addValidity } from "./validity.js";

export interface RenewLicenceInput {
  agencyId: string;
  licenceId: string;
  actor: Actor<LicenceActorRole>;
  at: Date;
  /** Optional: a renewal needs no reason, but the officer may note one. */
  reason?: string | null;
  expectedVersion?: number;
  ip?: string;
}

/** The template's date lines (issued on, valid until) printed anew for the renewed dates. */
export function redatedFields(
  fields: PrintedField[],
  template: LicenceTemplate | undefined,
  dates: { issuedOn: string; validUntil: string | null },
): PrintedField[] {
  return fields.map((field) => {
    const source = template?.fields.find((f) => f.key === field.key)?.source;
    if (!source || !("licence" in source)) return field;
    const date = source.licence === "issuedOn" ? dates.issuedOn : dates.validUntil;
    return { ...field, value: date ? formatDate("th", date) : "-" };
  });
}

/**
 * LC-1: an officer renews a licence (issued, or expired): a new number in this Buddhist-era year from
 * the service's series, valid from the day after the old one ends (today when it has ended), for the
 * template's validity, with the same printed lines; the old edition is superseded pointing to it. A
 * licence valid until revoked, or without its service's template (back-filled), is not renewable
 * (LICENCE_NOT_RENEWABLE). Throws LICENCE_NOT_FOUND, LICENCE_ACTION_NOT_ALLOWED, LICENCE_STALE.
 */
export async function renewLicence(deps: LicensingDeps, input: RenewLicenceInput): Promise<Licence> {
  const reason = input.reason?.trim().slice(0, MAX_REASON_CHARS) || null;
  return withTransaction(deps.handle, async (trx) => {
    const old = await lockLicence(trx, input.agencyId, input.licenceId);
    if (!old) throw new AppError("LICENCE_NOT_FOUND");
    checkLicenceAction(old, "renew", input.actor, input.expectedVersion);
    const version = old.serviceVersionId ? await findServiceVersion(trx, old.serviceVersionId) : undefined;
    const template = version?.definition.licence;
    if (!template) throw new AppError("LICENCE_NOT_RENEWABLE", { reason: "no-template" });
    if (!old.validUntil || !template.validity)
      throw new AppError("LICENCE_NOT_RENEWABLE", { reason: "until-revoked" });
    const agency = await findAgency(trx, input.agencyId);
    if (!agency) throw new AppError("AGENCY_NOT_FOUND");
    const today = toLocal(input.at, agency.timeZone).date;
    const validFrom = old.validUntil >= today ? addDays(old.validUntil, 1) : today;
    const validUntil = addValidity(validFrom, template.validity);
    const beYear = Number(today.slice(0, 4)) + 543;
    const sequence = await nextLicenceSequence(trx, agency.id, version.definition.code, beYear);
    const id = await insertSuccessorEdition(
      trx,
      deps,
      agency,
      old,
      {
        number: formatLicenceNumber(template.numberFormat, sequence, beYear),
        series: version.definition.code,
        beYear,
        sequence,
        edition: 1,
        // A matter's application has one licence (its editions): a renewal stands on its own, linked by
        // previous_id (an officer's renewal; renewal applications are not part of #15).
        matterId: null,
        holderName: old.holderName,
        fields: redatedFields(old.fields, template, { issuedOn: validFrom, validUntil }),
        conditions: old.conditions,
        validFrom,
        validUntil,
      },
      { actor: input.actor, at: input.at, ip: input.ip, via: "renew" },
    );
    await recordLicenceAction(trx, {
      agencyId: input.agencyId,
      licenceId: old.id,
      action: "renew",
      reason,
      actor: input.actor,
      at: input.at,
      supersededBy: id,
      ip: input.ip,
    });
    return (await findLicence(trx, input.agencyId, id))!;
  });
}
