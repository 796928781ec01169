import { findServiceVersion } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { listMatterActions, type Matter } from "../register/index.js";
import type { LetterSubject } from "./letters.js";

export interface ApplicationFacts extends LetterSubject {
  serviceCode: string;
  /** The manual's document names (for the approval sheet). */
  serviceNameEn: string;
}

/** The application behind a matter: its applicant (name only) and service. Throws MATTER_NOT_FOUND for a general request. */
export async function applicationFacts(db: Db, matter: Matter): Promise<ApplicationFacts> {
  const application = await findApplicationOfMatter(db, matter.id);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  if (!application || !version) throw new AppError("MATTER_NOT_FOUND");
  const name = version.definition.name;
  return {
    matter,
    applicantName: application.applicant_name,
    serviceName: name.th,
    serviceNameEn: name.en ?? name.th,
    serviceCode: version.definition.code,
  };
}

/** AP-1: the current round of approval: how many times the matter was submitted for approval. */
export async function approvalRound(db: Db, matterId: string): Promise<number> {
  const actions = await listMatterActions(db, matterId);
  return actions.filter((a) => a.action === "submit-for-approval").length;
}
