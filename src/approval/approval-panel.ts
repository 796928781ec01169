import type { FastifyRequest } from "fastify";
import { findAgency } from "../agencies/index.js";
import type { MatterPanel } from "../casework/index.js";
import { officerScope } from "../casework/index.js";
import { listMatterLetters } from "../correspondence/index.js";
import type { Clock } from "../platform/clock.js";
import type { Db } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { listMatterActions, type Matter } from "../register/index.js";
import { CHECKING_ROLES } from "../review/index.js";
import { listStaff, type Role } from "../staff/index.js";
import { approvalState } from "./approval-state.js";
import { fitsLevel, mayDecide } from "./chain.js";
import { type ApprovalPanelData, approvalPanelView } from "./views/approval-panel.view.js";

/** Everything the panel shows for one officer, read from the matter, its chain, decisions and timeline. */
export async function loadApprovalPanel(
  db: Db,
  matter: Matter,
  officer: { id: string; roles: readonly Role[]; unitIds: readonly string[] },
  now: Date,
): Promise<ApprovalPanelData | undefined> {
  if (matter.kind !== "application") return undefined;
  // A matter without an application (recorded before #11) has no chain: no panel.
  const state = await approvalState(db, matter).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "MATTER_NOT_FOUND") return undefined;
    throw error;
  });
  if (!state) return undefined;
  const { levels, round, all, decided: decisions, level: nextLevel, levelDef } = state;
  const staff = (await listStaff(db, matter.agencyId)).filter((s) => !s.disabled);
  const names = new Map(staff.map((s) => [s.id, s.displayName]));
  const awaiting = matter.status === "awaiting_approval";
  const fits = (s: { roles: readonly Role[]; unitIds: readonly string[] }) =>
    fitsLevel(levelDef, s, matter.unitId);
  const letters = new Map((await listMatterLetters(db, matter.id)).map((l) => [l.id, l.number]));
  const actions = await listMatterActions(db, matter.id);
  const delayNotices = actions
    .filter((a) => a.action === "notify-delay")
    .map((a) => ({
      at: a.at,
      noticeNumber: Number(a.payload.noticeNumber ?? 0),
      letterNumber: letters.get(String(a.payload.letterId)) ?? "",
      opdcCopy: String(a.payload.opdcCopy ?? ""),
    }));
  const agency = await findAgency(db, matter.agencyId);
  return {
    matter,
    levels,
    decisions,
    nextLevel,
    canSubmit: matter.status === "in_review" && officer.roles.some((r) => CHECKING_ROLES.includes(r)),
    canDecide: awaiting && fits(officer) && mayDecide(all, `staff:${officer.id}`, round, nextLevel),
    paperDeciders: awaiting
      ? staff
          .filter((s) => fits(s) && mayDecide(all, `staff:${s.id}`, round, nextLevel))
          .map((s) => ({ id: s.id, name: s.displayName }))
      : [],
    names,
    letters,
    delayNotices,
    delayReasonRecorded: actions.some((a) => a.action === "record-delay-reason"),
    isLate: !matter.decidedAt && !!matter.dueAt && matter.dueAt.getTime() <= now.getTime(),
    opdcEmail: agency?.opdcEmail ?? null,
  };
}

/**
 * AP-1: the approval panel of the officer's matter page: the chain and its decisions, the officer's
 * form when they fit the next level, the paper path, and LF-5's delay notices. Nothing outside the
 * officer's scope (the casework page has already refused it).
 */
export function approvalPanel(deps: { db: Db; clock: Clock }): MatterPanel {
  return async (req: FastifyRequest, matter: Matter) => {
    const staff = req.staffSession?.staff;
    if (!staff) return undefined;
    const scope = officerScope(staff).unitIds;
    if (scope && !(matter.unitId && scope.includes(matter.unitId))) return undefined;
    const data = await loadApprovalPanel(deps.db, matter, staff, deps.clock.now());
    return data && approvalPanelView(req, data);
  };
}
