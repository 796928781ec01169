import { findUnit } from "../agencies/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, type MatterActionResult, recordAction } from "../register/index.js";
import { listStaff, type Role } from "../staff/index.js";
import { matterScope } from "./officer-scope.js";

/** The actions casework offers on the matter page and the staff API; the other parts take their own. */
export const CASEWORK_ACTIONS = [
  "claim",
  "assign",
  "route",
  "comment",
  "start-review",
  "start-work",
  "answer",
  "close",
  "reopen",
  "resume-review",
  "record-delay-reason",
] as const;
export type CaseworkAction = (typeof CASEWORK_ACTIONS)[number];

export const isCaseworkAction = (value: string): value is CaseworkAction =>
  (CASEWORK_ACTIONS as readonly string[]).includes(value);

/** Actions whose `text` is required: RG-5's memo, a comment, LF-5's reason for the delay. */
const NEEDS_TEXT: readonly CaseworkAction[] = ["route", "comment", "record-delay-reason"];
export const MAX_TEXT = 4000;

export interface CaseworkActionInput {
  agencyId: string;
  matterId: string;
  action: string;
  /** The matter's version the form or the client saw: another → MATTER_CHANGED (409). */
  version: number;
  text?: string;
  /** assign: the officer given the matter. */
  staffId?: string;
  /** route: the unit it goes to. */
  unitId?: string;
}

export interface CaseworkOfficer {
  staffId: string;
  roles: readonly Role[];
  unitIds: readonly string[];
  at: Date;
  ip?: string;
}

/**
 * An officer's generic action on a matter (claim, assign, route with a memo, comment, start, answer,
 * close, reopen, resume review, the reason for a delay), through `recordAction` with the version the
 * officer saw and their scope. An assignee must be an active officer of the matter's unit; a route
 * goes to another unit of the agency.
 * Throws MATTER_NOT_FOUND (also outside the officer's units), MATTER_CHANGED, ACTION_NOT_ALLOWED,
 * ACTION_FORBIDDEN, MATTER_ACTION_UNKNOWN, MATTER_TEXT_REQUIRED, ASSIGNEE_INVALID, UNIT_NOT_IN_AGENCY.
 */
export async function takeMatterAction(
  handle: DatabaseHandle,
  input: CaseworkActionInput,
  officer: CaseworkOfficer,
): Promise<MatterActionResult> {
  const matter = await findMatter(handle.db, input.agencyId, input.matterId);
  const scope = matter && matterScope(officer, matter);
  if (!matter || !scope) throw new AppError("MATTER_NOT_FOUND");
  const { action } = input;
  if (!isCaseworkAction(action)) throw new AppError("MATTER_ACTION_UNKNOWN", { action });
  const text = input.text?.trim() ?? "";
  if (NEEDS_TEXT.includes(action) && text === "") throw new AppError("MATTER_TEXT_REQUIRED", { action });
  if (text.length > MAX_TEXT) throw new AppError("FIELD_TOO_LONG", { field: "text", max: MAX_TEXT });
  const payload: Record<string, string> = text ? { text } : {};
  if (action === "assign") {
    const staff = (await listStaff(handle.db, input.agencyId)).find((s) => s.id === input.staffId);
    // RG-5: a matter goes only to an active officer of its own unit.
    if (!staff || staff.disabled || !matter.unitId || !staff.unitIds.includes(matter.unitId))
      throw new AppError("ASSIGNEE_INVALID");
    payload.staffId = staff.id;
  }
  if (action === "route") {
    const unit = input.unitId ? await findUnit(handle.db, input.agencyId, input.unitId) : undefined;
    if (!unit) throw new AppError("UNIT_NOT_IN_AGENCY");
    if (unit.id === matter.unitId) throw new AppError("ROUTE_SAME_UNIT");
    payload.unitId = unit.id;
    if (matter.unitId) payload.fromUnitId = matter.unitId;
  }
  return recordAction(handle, {
    agencyId: input.agencyId,
    subject: { matterId: matter.id },
    action,
    payload: payload as never,
    actor: { kind: "staff", staffId: officer.staffId, roles: officer.roles },
    at: officer.at,
    ip: officer.ip,
    expectedVersion: input.version,
    ...scope,
  });
}
