import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { addDays, fromLocal, isValidDate, toLocal } from "../calendar/index.js";
import { findServiceVersion } from "../catalog/index.js";
import { findMatterApplication } from "../forms/index.js";
import type { Sealer } from "../platform/crypto/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { juristicParties } from "./delegation-parties.js";
import { insertDelegation } from "./delegations.repo.js";
import { type IdentityOfficer, loadIdentitySubject } from "./video-subject.js";

/** FM-5: the longest an officer may accept a delegation for, in days. */
const MAX_VALID_DAYS = 5 * 366;

/** A juristic application within the officer's scope, with its parties; else DELEGATION_NOT_JURISTIC. */
export async function loadDelegationSubject(
  db: Db,
  sealer: Sealer,
  agencyId: string,
  matterId: string,
  officer: IdentityOfficer,
) {
  const subject = await loadIdentitySubject(db, agencyId, matterId, officer);
  const summary = await findMatterApplication(db, matterId);
  const version = await findServiceVersion(db, subject.application.service_version_id);
  const items = (version?.definition.documents ?? []).filter((d) => d.kind === "delegation").map((d) => d.id);
  const parties = juristicParties(sealer, subject.application, summary?.documents ?? [], items);
  return { ...subject, parties };
}

export interface DelegationDecision {
  agencyId: string;
  matterId: string;
  outcome: "verified" | "refused";
  /** The last day it is valid, in the agency's calendar (`YYYY-MM-DD`); required when verified. */
  validUntil: string;
  note: string;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

/**
 * FM-5: an officer verifies (or refuses) the delegation of a juristic application: the company and the
 * acting person by keyed hash, the document and its e-Stamp reference, valid through the given day.
 * One transaction with its audit row (ids only). Throws DELEGATION_NOT_JURISTIC, VALIDATION_FAILED,
 * MATTER_NOT_FOUND.
 */
export async function verifyDelegation(
  deps: { handle: DatabaseHandle; sealer: Sealer },
  input: DelegationDecision,
  officer: IdentityOfficer,
): Promise<string> {
  const agency = await findAgency(deps.handle.db, input.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  if (input.note.length > 2000) throw invalid("note");
  let validUntil: string | null = null;
  if (input.outcome === "verified") {
    const today = toLocal(officer.at, agency.timeZone).date;
    const day = input.validUntil.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isValidDate(day)) throw invalid("validUntil");
    if (day < today || day > addDays(today, MAX_VALID_DAYS)) throw invalid("validUntil");
    // Valid through that whole day: until the next day's midnight in the agency's time.
    validUntil = fromLocal(addDays(day, 1), 0, agency.timeZone).toISOString();
  }
  const id = newId();
  const at = officer.at.toISOString();
  await withTransaction(deps.handle, async (trx) => {
    const { matter, parties } = await loadDelegationSubject(
      trx,
      deps.sealer,
      input.agencyId,
      input.matterId,
      officer,
    );
    if (!parties) throw new AppError("DELEGATION_NOT_JURISTIC");
    await insertDelegation(trx, {
      id,
      agency_id: input.agencyId,
      juristic_id_hmac: parties.juristicIdHmac,
      acting_id_hmac: parties.actingIdHmac,
      acting_name: parties.actingName,
      juristic_name: parties.juristicName,
      document_attachment_id: parties.documentAttachmentId,
      e_stamp_reference: parties.eStampReference,
      status: input.outcome,
      valid_until: validUntil,
      verified_by: `staff:${officer.staffId}`,
      verified_at: at,
      note: input.note || null,
      matter_id: matter.id,
      created_at: at,
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${officer.staffId}`,
      action: "identity.verify-delegation",
      subjectType: "matter",
      subjectId: matter.id,
      data: { delegationId: id, status: input.outcome, validUntil },
      ip: officer.ip,
      at,
    });
  });
  return id;
}
