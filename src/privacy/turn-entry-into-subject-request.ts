import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { entrySenderKeys, findMatter } from "../register/index.js";
import { insertOpenSubjectRequest } from "./insert-subject-request.js";
import type { SubjectRequestOfficer } from "./record-subject-request-action.js";
import { isSubjectRequestKind } from "./subject-request-statuses.js";

export interface TurnEntryInput {
  agencyId: string;
  entryId: string;
  kind: string;
  details: string;
  /** What the officer saw that shows the sender is the person, or may act for them (PD-3). */
  proofNote: string;
  actor: SubjectRequestOfficer;
  at: Date;
  ip?: string;
}

/**
 * #17 subjects (PD-3): an officer turns a registered entry (mail, LINE, paper) into a data-subject
 * request on the entry's own matter; the 30 days run from the entry's receipt. A mail or a chat proves
 * no identity, so the officer records the proof they checked (SUBJECTS_PROOF_REQUIRED without it).
 */
export async function turnEntryIntoSubjectRequest(trx: Db, input: TurnEntryInput): Promise<string> {
  if (!isSubjectRequestKind(input.kind)) throw new AppError("SUBJECTS_KIND_INVALID", {}, { field: "kind" });
  const details = input.details.trim();
  if (!details) throw new AppError("SUBJECTS_DETAILS_REQUIRED", {}, { field: "details" });
  const proof = input.proofNote.trim();
  if (!proof) throw new AppError("SUBJECTS_PROOF_REQUIRED", {}, { field: "proofNote" });
  const sender = await entrySenderKeys(trx, input.agencyId, input.entryId);
  if (!sender) throw new AppError("ENTRY_NOT_FOUND");
  const matter = await findMatter(trx, input.agencyId, sender.matterId);
  if (!matter) throw new AppError("ENTRY_NOT_FOUND");
  if (matter.kind !== "general") throw new AppError("SUBJECTS_ENTRY_NOT_GENERAL");
  const taken = await trx
    .selectFrom("data_subject_requests")
    .select("id")
    .where("matter_id", "=", matter.id)
    .executeTakeFirst();
  if (taken) throw new AppError("SUBJECTS_ALREADY_REQUEST");
  const id = newId();
  const at = input.at.toISOString();
  const actor = `staff:${input.actor.staffId}`;
  await insertOpenSubjectRequest(trx, {
    id,
    agencyId: input.agencyId,
    matterId: matter.id,
    entryId: input.entryId,
    kind: input.kind,
    subjectAccountId: null,
    requester: actor,
    proofKind: "officer",
    proofRef: proof,
    details,
    receivedAt: new Date(sender.receivedAt),
    at,
  });
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor,
    action: "privacy.subject-request.turn",
    subjectType: "data_subject_request",
    subjectId: id,
    data: { matterId: matter.id, entryId: input.entryId, kind: input.kind },
    ip: input.ip,
    at,
  });
  return id;
}
