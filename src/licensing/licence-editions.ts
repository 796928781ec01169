import type { Agency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import type { Text } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { type Actor, auditActor } from "../workflow/index.js";
import { insertLicence } from "./insert-licence.js";
import type { Licence, PrintedField } from "./licence.js";
import { makeLicenceDocument } from "./licence-document.js";
import { newVerificationCode } from "./licence-numbers.js";
import type { LicenceActorRole } from "./licence-statuses.js";
import type { LicensingDeps } from "./licensing-deps.js";

/** What a successor edition changes of the one it replaces. */
export interface EditionChanges {
  /** Amendment: the same number, the next edition; renewal: a new number, edition 1, no matter. */
  number: string;
  series: string;
  beYear: number;
  sequence: number | null;
  edition: number;
  matterId: string | null;
  holderName: string;
  fields: PrintedField[];
  conditions: Text[];
  validFrom: string;
  validUntil: string | null;
}

/**
 * #15: writes the edition that replaces `previous` inside the caller's transaction: a new random code
 * (the old QR keeps naming the old edition, which will verify as superseded), a newly signed PDF, the
 * row pointing back (`previous_id`), its "issue" event and audit row. The caller then supersedes the
 * previous edition through `recordLicenceAction`.
 */
export async function insertSuccessorEdition(
  trx: Db,
  deps: LicensingDeps,
  agency: Agency,
  previous: Licence,
  changes: EditionChanges,
  context: { actor: Actor<LicenceActorRole>; at: Date; ip?: string; via: "amend" | "renew" },
): Promise<string> {
  const verificationCode = newVerificationCode();
  const document = await makeLicenceDocument(deps, agency, {
    title: previous.title,
    number: changes.number,
    edition: changes.edition,
    holderName: changes.holderName,
    fields: changes.fields,
    // As the first edition printed it: the licensee once, whether as the template's own line or not.
    holderInFields: changes.fields.some((f) => f.value === changes.holderName),
    conditions: changes.conditions,
    validFrom: changes.validFrom,
    validUntil: changes.validUntil,
    signer: previous.signer,
    verificationCode,
    issuedAt: context.at,
    paper: false,
  });
  const id = newId();
  const at = context.at.toISOString();
  const actor = auditActor(context.actor);
  const data = { previousId: previous.id, via: context.via };
  await insertLicence(
    trx,
    {
      id,
      agency_id: agency.id,
      matter_id: changes.matterId,
      unit_id: previous.unitId,
      service_code: previous.serviceCode,
      service_version_id: previous.serviceVersionId,
      series: changes.series,
      be_year: changes.beYear,
      sequence: changes.sequence,
      number_text: changes.number,
      edition: changes.edition,
      status: "issued",
      title_th: previous.title.th,
      title_en: previous.title.en ?? previous.title.th,
      holder_name: changes.holderName,
      fields: JSON.stringify(changes.fields),
      conditions: JSON.stringify(changes.conditions),
      valid_from: changes.validFrom,
      valid_until: changes.validUntil,
      signer_name: previous.signer.name,
      signer_position: previous.signer.position,
      verification_code: verificationCode,
      pdf_key: document.key,
      pdf_sha256: document.sha256,
      origin: "signed",
      displayed: previous.displayed ? 1 : 0,
      confidential: previous.confidential ? 1 : 0,
      previous_id: previous.id,
      status_changed_at: at,
      issued_at: at,
      issued_by: actor,
    },
    { action: "issue", actor, at, data },
  );
  await recordAudit(trx, {
    agencyId: agency.id,
    actor,
    action: "licence.issue",
    subjectType: "licence",
    subjectId: id,
    data: { number: changes.number, edition: changes.edition, ...data },
    ip: context.ip,
    at,
  });
  return id;
}
