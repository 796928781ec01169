import { assertIdentityProven } from "../identity/index.js";
import { requestFeesAfterApproval } from "../payment/index.js";
import { type DatabaseHandle, type Db, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findMatter, recordAction } from "../register/index.js";
import { findStaffName, listStaff, type Role } from "../staff/index.js";
import { insertDecision } from "./approval.repo.js";
import type { ApprovalDecisionsTable } from "./approval.table.js";
import { approvalState } from "./approval-state.js";
import { fitsLevel, mayDecide } from "./chain.js";
import type { DeficiencyStateReader } from "./deficiency-gate.js";
import { issueDecisionLetter } from "./letters.js";

export const DECISIONS = ["approve", "refuse", "send-back"] as const;
export type Decision = (typeof DECISIONS)[number];
export const REASON_KINDS = ["incomplete", "unqualified", "other"] as const;

export interface DecisionInput {
  agencyId: string;
  matterId: string;
  decision: Decision;
  reasonKind?: string;
  reasons?: string;
  remedy?: string;
  /** The version the officer's page showed (stale → MATTER_CHANGED). */
  expectedVersion: number;
}

export interface Officer {
  staffId: string;
  roles: readonly Role[];
  unitIds: readonly string[];
  /** The officer's units when their casework is bound to them (`officerScope`); undefined: agency-wide. */
  scope?: readonly string[];
}

/** RG-6: a decision signed on the approval sheet and scanned back: who signed it, and the scan's record. */
export interface PaperEvidence {
  deciderStaffId: string;
  storageKey: string;
  sha256: string;
  mediaType: string;
  scanDevice: string;
  sheetPages: number;
  scanPages: number;
}

/** AP-1, LF-5: a refusal always says why and how to put it right; a send-back says why. */
function checkDecisionText(input: DecisionInput): { reasons: string; remedy: string } {
  const reasons = input.reasons?.trim() ?? "";
  const remedy = input.remedy?.trim() ?? "";
  if (input.decision !== "approve" && !reasons) throw new AppError("APPROVAL_REASONS_REQUIRED");
  if (input.decision === "refuse") {
    if (!remedy) throw new AppError("APPROVAL_REMEDY_REQUIRED");
    if (!(REASON_KINDS as readonly string[]).includes(input.reasonKind ?? ""))
      throw new AppError("VALIDATION_FAILED", { detail: "reasonKind" }, { field: "reasonKind" });
  }
  return { reasons, remedy };
}

/** The officer named as decider: the one acting, or (paper path) an active officer of the agency. */
async function findDecider(trx: Db, agencyId: string, officer: Officer, deciderId: string) {
  if (deciderId === officer.staffId) return officer;
  return (await listStaff(trx, agencyId))
    .filter((s) => !s.disabled)
    .map((s) => ({ staffId: s.id, roles: s.roles, unitIds: s.unitIds }))
    .find((s) => s.staffId === deciderId);
}

/**
 * AP-1: one level's decision on a matter awaiting approval, in one transaction: the chain's next level
 * is the decider's (role, and unit where it applies), no officer decides two levels of a round, a refusal
 * has reasons and a remedy and is not for incompleteness once a deficiency record was fulfilled (LF-3);
 * the action (`approve-level`, `approve`, `refuse`, `send-back`), the decision row and, for a final
 * approval or a refusal, the numbered decision letter (LF-5: issued at once, sent by notifications).
 * Throws APPROVAL_REASONS_REQUIRED / APPROVAL_REMEDY_REQUIRED (422), VALIDATION_FAILED, MATTER_NOT_FOUND,
 * MATTER_CHANGED, ACTION_NOT_ALLOWED, APPROVAL_LEVEL_FORBIDDEN (403), APPROVAL_ALREADY_DECIDED,
 * REFUSAL_AFTER_DEFICIENCY_FULFILLED, IDENTITY_NOT_PROVEN (409), LETTER_CODE_NOT_SET.
 */
export async function decideApproval(
  deps: { handle: DatabaseHandle; deficiencyState: DeficiencyStateReader },
  input: DecisionInput,
  officer: Officer,
  ctx: { at: Date; ip?: string; paper?: PaperEvidence },
): Promise<{ decisionId: string; letterId: string | null; action: string }> {
  const { reasons, remedy } = checkDecisionText(input);
  try {
    return await withTransaction(deps.handle, async (trx) => {
      // Locked: two clicks at once on PostgreSQL, the second reads the matter after the first's decision, so
      // it is told its form is stale (409), never judged against the next level's chain half-way (403).
      const matter = await findMatter(trx, input.agencyId, input.matterId, { forUpdate: true });
      if (!matter || (officer.scope && !(matter.unitId && officer.scope.includes(matter.unitId))))
        throw new AppError("MATTER_NOT_FOUND");
      if (input.expectedVersion !== matter.version)
        throw new AppError("MATTER_CHANGED", { version: matter.version });
      if (matter.status !== "awaiting_approval") throw new AppError("ACTION_NOT_ALLOWED");
      const { facts, levels, round, all, level, levelDef, isLast } = await approvalState(trx, matter);

      const decider = await findDecider(
        trx,
        matter.agencyId,
        officer,
        ctx.paper?.deciderStaffId ?? officer.staffId,
      );
      if (!decider || !fitsLevel(levelDef, decider, matter.unitId))
        throw new AppError("APPROVAL_LEVEL_FORBIDDEN");
      if (!mayDecide(all, `staff:${decider.staffId}`, round, level))
        throw new AppError("APPROVAL_ALREADY_DECIDED");
      if (input.decision === "refuse" && input.reasonKind === "incomplete") {
        const deficiency = await deps.deficiencyState(trx, matter.id);
        if (deficiency.fulfilled) throw new AppError("REFUSAL_AFTER_DEFICIENCY_FULFILLED");
      }

      const at = ctx.at;
      const action =
        input.decision === "approve"
          ? isLast
            ? ("approve" as const)
            : ("approve-level" as const)
          : input.decision === "refuse"
            ? ("refuse" as const)
            : ("send-back" as const);
      // ID-1 (#13): a final approval waits until the applicant's identity reached the service's assurance.
      if (action === "approve")
        await assertIdentityProven(trx, deps.handle.sealer, {
          agencyId: matter.agencyId,
          matterId: matter.id,
          at,
        });
      const letter =
        action === "approve" || action === "refuse"
          ? await issueDecisionLetter(
              trx,
              facts,
              { approved: action === "approve", reasonKind: input.reasonKind, reasons, remedy },
              {
                name: (await findStaffName(trx, decider.staffId)) ?? "",
                position: levelDef.label_th,
                actor: `staff:${officer.staffId}`,
                at,
              },
            )
          : undefined;
      const decisionId = newId();
      const result = await recordAction(trx, {
        agencyId: matter.agencyId,
        subject: { matterId: matter.id },
        action,
        payload: {
          decisionId,
          level,
          levels: levels.length,
          letterId: letter?.id ?? null,
          ...(input.decision === "refuse" && { reasonKind: input.reasonKind ?? null }),
          ...(ctx.paper && { paper: true, recordedBy: officer.staffId }),
          ...(reasons && { text: reasons }),
        },
        // The decider acts; on the paper path the recording officer is kept beside the decision.
        actor: { kind: "staff", staffId: decider.staffId, roles: decider.roles },
        at,
        ip: ctx.ip,
        expectedVersion: input.expectedVersion,
      });
      // #14 payment (PY-1): an approved application with fees asks for them at once, in this transaction.
      if (action === "approve") await requestFeesAfterApproval(trx, result.matter, at);
      const row: ApprovalDecisionsTable = {
        id: decisionId,
        agency_id: matter.agencyId,
        matter_id: matter.id,
        round,
        level,
        decision: input.decision,
        reason_kind: input.decision === "refuse" ? (input.reasonKind ?? null) : null,
        reasons: reasons || null,
        remedy: input.decision === "refuse" ? remedy : null,
        decided_by: `staff:${decider.staffId}`,
        decided_at: at.toISOString(),
        recorded_by: `staff:${officer.staffId}`,
        action_id: result.actionId,
        letter_id: letter?.id ?? null,
        evidence_attachment: ctx.paper?.storageKey ?? null,
        evidence_sha256: ctx.paper?.sha256 ?? null,
        evidence_media_type: ctx.paper?.mediaType ?? null,
        scanned_by: ctx.paper ? `staff:${officer.staffId}` : null,
        scan_device: ctx.paper?.scanDevice ?? null,
        sheet_pages: ctx.paper?.sheetPages ?? null,
        scan_pages: ctx.paper?.scanPages ?? null,
      };
      await insertDecision(trx, row);
      return { decisionId, letterId: letter?.id ?? null, action };
    });
  } catch (error) {
    // Two decisions of one level at once: the second finds it taken (a double click does one thing).
    if (isUniqueViolation(error)) throw new AppError("MATTER_CHANGED");
    throw error;
  }
}
