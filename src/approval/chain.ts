import { AppError } from "../platform/errors.js";
import type { Role } from "../staff/index.js";

/** The roles a level of an approval chain may name (AP-1). */
export const CHAIN_ROLES = ["approver", "supervisor", "head_of_agency"] as const;
export type ChainRole = (typeof CHAIN_ROLES)[number];
export const MAX_LEVELS = 5;

/**
 * One level of an approval chain: who decides there. A level naming a unit is decided by an officer of
 * that unit; without one, an approver must be of the matter's unit, while a supervisor or the head of
 * agency decides for the whole agency (as they see the whole agency's matters).
 */
export interface ChainLevel {
  role: ChainRole;
  unitId: string | null;
  label_th: string;
  label_en: string;
}

/** AP-1: without a chain set for the service, one approver of the matter's unit decides. */
export const DEFAULT_CHAIN: readonly ChainLevel[] = [
  { role: "approver", unitId: null, label_th: "ผู้มีอำนาจอนุมัติ", label_en: "Approving officer" },
];

/** Whether an officer fits a level: holds its role and, where it applies, belongs to its unit. */
export function fitsLevel(
  level: ChainLevel,
  officer: { roles: readonly Role[]; unitIds: readonly string[] },
  matterUnitId: string | null,
): boolean {
  if (!officer.roles.includes(level.role)) return false;
  const unit = level.unitId ?? (level.role === "approver" ? matterUnitId : null);
  return unit === null ? level.role !== "approver" : officer.unitIds.includes(unit);
}

/**
 * AP-1: no one decides two levels of a matter: an officer decides once per round, and after a send-back
 * only the level they decided before.
 */
export function mayDecide(
  decisions: readonly { decided_by: string; round: number; level: number }[],
  decidedBy: string,
  round: number,
  level: number,
): boolean {
  return !decisions.some((d) => d.decided_by === decidedBy && (d.round === round || d.level !== level));
}

/** Checks levels as an admin sent them: 1 to 5, each with a known role and both labels. Throws VALIDATION_FAILED. */
export function checkLevels(levels: readonly ChainLevel[], unitIds: readonly string[]): ChainLevel[] {
  if (levels.length < 1 || levels.length > MAX_LEVELS)
    throw new AppError("VALIDATION_FAILED", { detail: "levels" }, { field: "levels" });
  return levels.map((l, i) => {
    const field = `level${i + 1}`;
    if (!(CHAIN_ROLES as readonly string[]).includes(l.role))
      throw new AppError("VALIDATION_FAILED", { detail: `${field}Role` }, { field: `${field}Role` });
    if (l.unitId !== null && !unitIds.includes(l.unitId))
      throw new AppError("VALIDATION_FAILED", { detail: `${field}Unit` }, { field: `${field}Unit` });
    const label_th = l.label_th.trim();
    const label_en = l.label_en.trim();
    if (!label_th || label_th.length > 200 || label_en.length > 200)
      throw new AppError("VALIDATION_FAILED", { detail: `${field}LabelTh` }, { field: `${field}LabelTh` });
    return { role: l.role, unitId: l.unitId, label_th, label_en: label_en || label_th };
  });
}
