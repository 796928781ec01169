import { recordAudit } from "../audit/index.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import type { Role } from "../staff/index.js";
import { type Actor, auditActor, nextStatus } from "../workflow/index.js";
import { findSubjectRequest, type SubjectRequest } from "./subject-request.js";
import { SUBJECT_REQUEST_STATUSES, type SubjectRequestAction } from "./subject-request-statuses.js";
import type { SubjectRequestStatus } from "./subject-requests.table.js";

export type SubjectRequestOfficer = Extract<Actor<Role>, { kind: "staff" }>;

export interface SubjectRequestActionInput {
  agencyId: string;
  requestId: string;
  action: Exclude<SubjectRequestAction, "file">;
  actor: SubjectRequestOfficer;
  at: Date;
  /** What the person is told: the answer, or the refusal's reasons (PD-3: required for a refusal). */
  text: string;
  /** The `updatedAt` the officer's page showed: changed since → SUBJECTS_STALE. */
  expectedUpdatedAt?: string;
  /** The export made for an access or portability answer. */
  exported?: { key: string; sha256: string };
  ip?: string;
}

/** The history row of one act (also written when a request is filed). */
export async function insertSubjectRequestEvent(
  trx: Db,
  row: {
    agencyId: string;
    requestId: string;
    action: SubjectRequestAction;
    from: SubjectRequestStatus | null;
  },
  to: SubjectRequestStatus,
  actor: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto("data_subject_request_events")
    .values({
      id: newId(),
      agency_id: row.agencyId,
      request_id: row.requestId,
      action: row.action,
      from_status: row.from,
      to_status: to,
      actor,
      at,
    })
    .execute();
}

/**
 * #17 subjects (PD-3): the one way a request's status changes, inside the caller's transaction: the
 * status table and roles, a reason for a refusal, the row, its history and the audit row; then the
 * matter that carries it is answered (the text on its public timeline) and closed through the register.
 */
export async function recordSubjectRequestAction(
  trx: Db,
  input: SubjectRequestActionInput,
): Promise<SubjectRequest> {
  const request = await findSubjectRequest(trx, input.agencyId, input.requestId);
  if (!request) throw new AppError("SUBJECTS_NOT_FOUND");
  if (input.expectedUpdatedAt !== undefined && input.expectedUpdatedAt !== request.updatedAt)
    throw new AppError("SUBJECTS_STALE");
  let next: SubjectRequestStatus;
  try {
    next = nextStatus(SUBJECT_REQUEST_STATUSES, request.status, input.action, input.actor.roles);
  } catch (error) {
    if (error instanceof AppError && error.code === "ACTION_NOT_ALLOWED")
      throw new AppError("SUBJECTS_ACTION_NOT_ALLOWED", { status: request.status, action: input.action });
    throw error;
  }
  const text = input.text.trim();
  // PD-3: a refusal states its reasons; an answer says what was done.
  if (!text)
    throw new AppError(
      input.action === "refuse" ? "SUBJECTS_REASON_REQUIRED" : "SUBJECTS_ANSWER_REQUIRED",
      {},
      { field: "text" },
    );
  const at = new Date(Math.max(input.at.getTime(), Date.parse(request.updatedAt) + 1)).toISOString();
  const updated = await trx
    .updateTable("data_subject_requests")
    .set({
      status: next,
      updated_at: at,
      ...(input.action === "answer" ? { answer: text } : { refusal_reason: text }),
      ...(input.exported && { export_key: input.exported.key, export_sha256: input.exported.sha256 }),
    })
    .where("id", "=", request.id)
    .where("updated_at", "=", request.updatedAt)
    .where("status", "=", request.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("SUBJECTS_STALE");
  const actor = auditActor(input.actor);
  await insertSubjectRequestEvent(
    trx,
    { agencyId: input.agencyId, requestId: request.id, action: input.action, from: request.status },
    next,
    actor,
    at,
  );
  await recordAudit(trx, {
    agencyId: input.agencyId,
    actor,
    action: `privacy.subject-request.${input.action}`,
    subjectType: "data_subject_request",
    subjectId: request.id,
    data: { matterId: request.matterId, kind: request.kind, status: { from: request.status, to: next } },
    ip: input.ip,
    at,
  });
  await endMatter(trx, request, input, text);
  const after = await findSubjectRequest(trx, input.agencyId, request.id);
  if (!after) throw new AppError("SUBJECTS_NOT_FOUND");
  return after;
}

/** The carrying matter answered with the text (public on the tracking page) and closed, unless already ended. */
async function endMatter(trx: Db, request: SubjectRequest, input: SubjectRequestActionInput, text: string) {
  const common = {
    agencyId: input.agencyId,
    subject: { matterId: request.matterId },
    actor: input.actor,
    at: input.at,
    ip: input.ip,
  } as const;
  const matter = await findMatter(trx, input.agencyId, request.matterId);
  if (!matter) throw new AppError("MATTER_NOT_FOUND");
  if (matter.status === "received" || matter.status === "in_progress")
    await recordAction(trx, { ...common, action: "answer", payload: { text, subjectRequest: input.action } });
  const now = await findMatter(trx, input.agencyId, request.matterId);
  if (now?.status === "answered") await recordAction(trx, { ...common, action: "close", payload: {} });
}
