import { findAgency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { loadBusinessCalendar } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { t } from "../platform/i18n/index.js";
import { newId } from "../platform/ids.js";
import { registerEntry } from "../register/index.js";
import { insertOpenSubjectRequest } from "./insert-subject-request.js";
import type { SubjectIdentityPort } from "./subject-identity-port.js";
import { findSubjectRequest, type SubjectRequest } from "./subject-request.js";
import { isSubjectRequestKind } from "./subject-request-statuses.js";

export interface CitizenSubjectRequest {
  agencyId: string;
  accountId: string;
  /** How the citizen signed in (the session's provider and asserted assurance). */
  signIn: { provider: string; ial: string | null };
  kind: string;
  details: string;
  lang: "th" | "en";
  /** Asking for another person: their name and the delegation that lets the citizen act for them. */
  onBehalf?: { name: string; delegationId: string };
  ip?: string;
}

/** The longest account of what is asked. */
export const DETAILS_MAX = 4000;

/**
 * #17 subjects (PD-3): a signed-in citizen files a data-subject request on the web. About themselves:
 * their identity verified (SUBJECTS_IDENTITY_REQUIRED); for another: a valid delegation to them
 * (SUBJECTS_PROOF_REQUIRED). It is registered as any entry is (RG-1) and opens a general matter; the
 * request row carries the 30-day clock.
 */
export async function fileSubjectRequest(
  deps: { handle: DatabaseHandle; clock: Clock; identity: SubjectIdentityPort },
  input: CitizenSubjectRequest,
): Promise<SubjectRequest> {
  const db = deps.handle.db;
  const now = deps.clock.now();
  if (!isSubjectRequestKind(input.kind)) throw new AppError("SUBJECTS_KIND_INVALID", {}, { field: "kind" });
  const kind = input.kind;
  const details = input.details.trim();
  if (!details) throw new AppError("SUBJECTS_DETAILS_REQUIRED", {}, { field: "details" });
  const citizen = { agencyId: input.agencyId, accountId: input.accountId };
  let proofRef: string | null = null;
  if (input.onBehalf) {
    const name = input.onBehalf.name.trim();
    const delegation = name
      ? await deps.identity.requesterDelegation(db, {
          ...citizen,
          delegationId: input.onBehalf.delegationId,
          at: now,
        })
      : undefined;
    if (!delegation) throw new AppError("SUBJECTS_PROOF_REQUIRED", {}, { field: "delegationId" });
    proofRef = delegation.id;
  } else if (!(await deps.identity.subjectIdentityVerified(db, citizen, input.signIn, now)))
    throw new AppError("SUBJECTS_IDENTITY_REQUIRED");
  const agency = await findAgency(db, input.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  const calendar = await loadBusinessCalendar(db, agency);
  const email = (await deps.identity.findCitizenEmail(db, input.agencyId, input.accountId)) ?? null;
  const id = newId();
  const actor = `citizen:${input.accountId}`;
  await withTransaction(deps.handle, async (trx) => {
    const { entry } = await registerEntry(
      trx,
      {
        agencyId: input.agencyId,
        channel: "web",
        senderName: input.onBehalf?.name.trim() ?? email ?? t(input.lang, "subjects.selfSender"),
        senderEmail: email,
        subject: `${t(input.lang, "subjects.entrySubject")}: ${t(input.lang, `subjects.kind.${kind}` as const)}`,
        body: details,
        language: input.lang,
        signature: `${actor} (web confirm)`,
        acknowledgedOnReceiptVia: "web-page",
        attachments: [],
      },
      { clock: deps.clock, calendar, actor, ip: input.ip },
    );
    const at = now.toISOString();
    await insertOpenSubjectRequest(trx, {
      id,
      agencyId: input.agencyId,
      matterId: entry.matterId,
      entryId: entry.id,
      kind,
      subjectAccountId: input.onBehalf ? null : input.accountId,
      requester: actor,
      proofKind: input.onBehalf ? "delegation" : "self",
      proofRef,
      details,
      receivedAt: entry.receivedAt,
      at,
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor,
      action: "privacy.subject-request.file",
      subjectType: "data_subject_request",
      subjectId: id,
      data: {
        matterId: entry.matterId,
        entryId: entry.id,
        kind,
        proof: input.onBehalf ? "delegation" : "self",
      },
      ip: input.ip,
      at,
    });
  });
  const filed = await findSubjectRequest(db, input.agencyId, id);
  if (!filed) throw new AppError("SUBJECTS_NOT_FOUND");
  return filed;
}
