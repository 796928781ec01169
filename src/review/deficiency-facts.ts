import { type Agency, findAgency, findUnit } from "../agencies/index.js";
import { findServiceVersion, type RequiredDocument } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, type Matter } from "../register/index.js";
import type { DayKind } from "../workflow/index.js";

/** What a deficiency record and its letters are written from: the matter, its application and manual. */
export interface DeficiencyFacts {
  agency: Agency;
  matter: Matter;
  applicationId: string;
  entryId: string;
  applicantName: string;
  serviceName: string;
  /** LF-3: the manual's checklist of the version applied for, for this applicant; nothing else may be asked. */
  checklist: RequiredDocument[];
  /** The manual's kind of day (business unless it says calendar). */
  dayKind: DayKind;
  ownerUnit: string;
}

/**
 * Reads the facts of an application's matter. Throws MATTER_NOT_FOUND (none in the agency) and
 * ACTION_NOT_ALLOWED when the matter is no application (a general request has no checklist).
 */
export async function loadDeficiencyFacts(
  db: Db,
  agencyId: string,
  matterId: string,
): Promise<DeficiencyFacts> {
  const matter = await findMatter(db, agencyId, matterId);
  if (!matter) throw new AppError("MATTER_NOT_FOUND");
  const application = await findApplicationOfMatter(db, matterId);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  if (!application || !version)
    throw new AppError("ACTION_NOT_ALLOWED", { action: "request-more-info", status: matter.status });
  const agency = await findAgency(db, agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const unit = matter.unitId ? await findUnit(db, agencyId, matter.unitId) : undefined;
  const definition = version.definition;
  return {
    agency,
    matter,
    applicationId: application.id,
    entryId: application.entry_id,
    applicantName: application.applicant_name,
    serviceName: definition.name.th,
    // FM-5: a person is never asked for what the manual asks only of a juristic person (and back).
    checklist: definition.documents.filter(
      (d) => d.appliesTo === "all" || d.appliesTo === application.applicant_type,
    ),
    dayKind: definition.timeLimit?.dayKind ?? "business",
    ownerUnit: unit?.name_th ?? agency.nameTh,
  };
}
