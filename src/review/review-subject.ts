import { findServiceVersion, type RequiredDocument, type ServiceDefinition } from "../catalog/index.js";
import { checklistFor, findMatterApplication, type MatterApplication } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, type Matter } from "../register/index.js";
import type { CheckKind } from "./checks.table.js";

/** What checking an application works on: its matter, the application and its version's checklist. */
export interface ReviewSubject {
  matter: Matter;
  application: MatterApplication;
  definition: ServiceDefinition;
  /** RV-4, FM-5: the manual's documents that apply to this applicant's type, in the manual's order. */
  checklist: RequiredDocument[];
}

/**
 * The matter of an application, within the officer's scope (`unitIds` from `officerScope`); a matter
 * of another agency or unit, or one that is no application, is MATTER_NOT_FOUND (404), as if absent.
 */
export async function loadReviewSubject(
  db: Db,
  agencyId: string,
  matterId: string,
  scope: { unitIds?: readonly string[] } = {},
): Promise<ReviewSubject> {
  const matter = await findMatter(db, agencyId, matterId);
  if (matter?.kind !== "application") throw new AppError("MATTER_NOT_FOUND");
  if (scope.unitIds && !(matter.unitId && scope.unitIds.includes(matter.unitId)))
    throw new AppError("MATTER_NOT_FOUND");
  const application = await findMatterApplication(db, matter.id);
  if (!application) throw new AppError("MATTER_NOT_FOUND");
  const version = await findServiceVersion(db, application.serviceVersionId);
  if (!version) throw new AppError("MATTER_NOT_FOUND");
  return {
    matter,
    application,
    definition: version.definition,
    checklist: checklistFor(version.definition, application.applicantType),
  };
}

/** RV-4: a document issued by another agency is verified by its issuer's method (code, link, enquiry). */
export const isIssuedElsewhere = (d: RequiredDocument) =>
  d.issuer !== undefined || d.kind === "identity-card" || d.kind === "certificate";

/** The checks an item of the checklist takes: its own finding, then the verifications the law names. */
export function checkKindsOf(d: RequiredDocument): CheckKind[] {
  const kinds: CheckKind[] = [d.kind === "delegation" ? "delegation" : "document"];
  // FM-5, RV-4: a delegation of authority bears stamp duty, paid by e-Stamp.
  if (d.kind === "delegation") kinds.push("e-stamp");
  if (isIssuedElsewhere(d)) kinds.push("issuer-verification");
  return kinds;
}

/** The checklist item a check names, if that kind of check applies to it (else REVIEW_ITEM_UNKNOWN). */
export function checkedItem(subject: ReviewSubject, kind: CheckKind, itemId: string): RequiredDocument {
  const item = subject.checklist.find((d) => d.id === itemId);
  const fits = item && (kind === "signature" || checkKindsOf(item).includes(kind));
  if (!item || !fits) throw new AppError("REVIEW_ITEM_UNKNOWN", { item: itemId }, { field: "item" });
  return item;
}
