import type { Assurance } from "../catalog/index.js";
import { findServiceVersion } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import { idNumberLookupKey, type Sealer } from "../platform/crypto/index.js";
import type { Db } from "../platform/db/database.js";
import { requiredAssurance } from "./assurance.js";

/** What a matter's decision needs of its applicant's identity, and whose identity it is. */
export interface IdentityNeed {
  required: Assurance;
  applicationId: string;
  applicantName: string;
  applicantType: "person" | "juristic";
  /** The 13-digit ID of the person to prove (for a juristic applicant, the person acting, FM-5). */
  idNumber: string | null;
  /** Its keyed hash (`idNumberLookupKey`), how proofs are matched and reused (ID-2). */
  nationalIdHmac: string | null;
  /** FM-5: a juristic applicant's company ID, by keyed hash (its delegation is checked with it). */
  juristicIdHmac: string | null;
  formData: Record<string, unknown>;
}

function actingIdNumber(actingPerson: string | null): string | null {
  try {
    const parsed = JSON.parse(actingPerson ?? "null") as { idNumber?: unknown } | null;
    return typeof parsed?.idNumber === "string" ? parsed.idNumber : null;
  } catch {
    return null;
  }
}

/**
 * ID-1: the assurance a matter's decision needs (from its service version's risk) and the person it
 * concerns; undefined for a matter without an application (a general request needs none).
 */
export async function findIdentityNeed(
  db: Db,
  sealer: Sealer | undefined,
  matterId: string,
): Promise<IdentityNeed | undefined> {
  const application = await findApplicationOfMatter(db, matterId);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  if (!application || !version) return undefined;
  const idNumber =
    application.applicant_type === "juristic"
      ? actingIdNumber(application.acting_person)
      : application.applicant_id_number;
  let formData: Record<string, unknown> = {};
  try {
    formData = JSON.parse(application.form_data) as Record<string, unknown>;
  } catch {
    formData = {};
  }
  return {
    required: requiredAssurance(version.definition.risk),
    applicationId: application.id,
    applicantName: application.applicant_name,
    applicantType: application.applicant_type,
    idNumber,
    nationalIdHmac: (sealer && idNumberLookupKey(sealer, idNumber)) ?? null,
    juristicIdHmac:
      application.applicant_type === "juristic"
        ? ((sealer && idNumberLookupKey(sealer, application.applicant_id_number)) ?? null)
        : null,
    formData,
  };
}
