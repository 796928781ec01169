import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { toLocal } from "../calendar/index.js";
import { findServiceVersion } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import { type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import { type Actor, auditActor } from "../workflow/index.js";
import { insertLicence } from "./insert-licence.js";
import { type Licence, verificationUrl } from "./licence.js";
import { makeLicenceDocument } from "./licence-document.js";
import { printedFields } from "./licence-fields.js";
import { formatLicenceNumber, newVerificationCode, nextLicenceSequence } from "./licence-numbers.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import { listMatterLicences } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";
import { addValidity } from "./validity.js";

export interface IssueLicenceInput {
  agencyId: string;
  matterId: string;
  actor: Actor<LicenceActorRole>;
  at: Date;
  ip?: string;
  /** The officer's units: a unit-bound officer issues only their units' matters. */
  unitIds?: readonly string[];
}

/** Matters a licence may be issued for: paid, approved without a fee, or already issuing. */
const ISSUABLE = ["paid", "approved", "issuing"];

/**
 * LC-1, LC-2: issues the licence of an approved (and paid) application in one transaction: the number
 * (gapless per agency, service and Buddhist-era year), the PDF drawn from the version's template with
 * the QR to the agency's own origin (LC-3), signed (PAdES B-T) and stored, the licence row, its event,
 * the matter's `start-issuing` / `issue-licence` and the audit row — together or not at all. A template
 * marked `paper` stores the printable PDF, unsigned, until its signed scan is recorded (RG-6).
 */
export async function issueLicence(deps: LicensingDeps, input: IssueLicenceInput): Promise<Licence> {
  return withTransaction(deps.handle, (trx) => issueLicenceIn(trx, deps, input));
}

export async function issueLicenceIn(
  trx: Db,
  deps: LicensingDeps,
  input: IssueLicenceInput,
): Promise<Licence> {
  const matter = await findMatter(trx, input.agencyId, input.matterId);
  if (!matter || (input.unitIds && !input.unitIds.includes(matter.unitId ?? "")))
    throw new AppError("MATTER_NOT_FOUND");
  const [existing] = await listMatterLicences(trx, matter.id);
  if (existing) throw new AppError("LICENCE_ALREADY_ISSUED", { number: existing.number });
  if (!ISSUABLE.includes(matter.status))
    throw new AppError("LICENCE_NOT_ISSUABLE", { reason: matter.status });
  const application = await findApplicationOfMatter(trx, matter.id);
  const version = application && (await findServiceVersion(trx, application.service_version_id));
  const template = version?.definition.licence;
  if (!application || !version || !template)
    throw new AppError("LICENCE_NOT_ISSUABLE", { reason: "no-licence" });
  const agency = await findAgency(trx, input.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  if (!agency.licenceOrigin) throw new AppError("LICENCE_ORIGIN_NOT_SET");
  const signer = deps.documentSigner;
  if (template.issue !== "paper" && !signer) throw new AppError("LICENCE_SIGNER_NOT_SET");

  const issuedOn = toLocal(input.at, agency.timeZone).date;
  const validUntil = template.validity ? addValidity(issuedOn, template.validity) : null;
  const fields = printedFields(version.definition, template, {
    answers: JSON.parse(application.form_data) as Record<string, unknown>,
    applicantName: application.applicant_name,
    issuedOn,
    validUntil,
  });
  const beYear = Number(issuedOn.slice(0, 4)) + 543;
  const series = version.definition.code;
  const sequence = await nextLicenceSequence(trx, agency.id, series, beYear);
  const number = formatLicenceNumber(template.numberFormat, sequence, beYear);
  const verificationCode = newVerificationCode();
  const signerPosition = template.signer.position.th;
  const document = await makeLicenceDocument(deps, agency, {
    title: template.title,
    number,
    edition: 1,
    holderName: application.applicant_name,
    holderInFields: template.fields.some((f) => "applicant" in f.source),
    fields,
    conditions: template.conditions,
    validFrom: issuedOn,
    validUntil,
    signer: { name: template.signer.name, position: signerPosition },
    verificationCode,
    issuedAt: input.at,
    paper: template.issue === "paper",
  });
  const id = newId();
  const at = input.at.toISOString();
  const actor = auditActor(input.actor);
  // The edition as written; the matter's actions below change nothing of it.
  const issued = await insertLicence(
    trx,
    {
      id,
      agency_id: agency.id,
      matter_id: matter.id,
      unit_id: matter.unitId,
      service_code: series,
      service_version_id: version.id,
      series,
      be_year: beYear,
      sequence,
      number_text: number,
      edition: 1,
      status: "issued",
      title_th: template.title.th,
      title_en: template.title.en ?? template.title.th,
      holder_name: application.applicant_name,
      fields: JSON.stringify(fields),
      conditions: JSON.stringify(template.conditions),
      valid_from: issuedOn,
      valid_until: validUntil,
      signer_name: template.signer.name,
      signer_position: signerPosition,
      verification_code: verificationCode,
      pdf_key: document.key,
      pdf_sha256: document.sha256,
      origin: template.issue === "paper" ? "paper-scan" : "signed",
      displayed: version.definition.displaysLicence ? 1 : 0,
      confidential: template.confidential ? 1 : 0,
      status_changed_at: at,
      issued_at: at,
      issued_by: actor,
    },
    { action: "issue", actor, at, data: { matterId: matter.id, signed: template.issue !== "paper" } },
  );
  const matterActor = input.actor;
  if (matter.status !== "issuing")
    await recordAction(trx, {
      agencyId: agency.id,
      subject: { matterId: matter.id },
      action: "start-issuing",
      payload: {},
      actor: matterActor,
      at: input.at,
    });
  await recordAction(trx, {
    agencyId: agency.id,
    subject: { matterId: matter.id },
    action: "issue-licence",
    // #15 requests (TR-2): what the applicant's notification says: number, validity, where to verify.
    payload: {
      licenceId: id,
      number,
      validFrom: issuedOn,
      validUntil,
      verifyUrl: verificationUrl(agency.licenceOrigin, { number, verificationCode }),
    },
    actor: matterActor,
    at: input.at,
  });
  await recordAudit(trx, {
    agencyId: agency.id,
    actor,
    action: "licence.issue",
    subjectType: "licence",
    subjectId: id,
    data: {
      number,
      matterId: matter.id,
      signerLevel: signer?.description.level ?? null,
      origin: template.issue,
    },
    ip: input.ip,
    at,
  });
  return issued;
}
