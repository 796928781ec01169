import type { Assurance, RiskLevel } from "../catalog/index.js";

/** ID-1, ID-4: assurance levels in order; "none" below all. */
export const ASSURANCE_RANK: Record<Assurance, number> = { none: 0, IAL1: 1, IAL2: 2, IAL3: 3 };

export const isAssurance = (value: string): value is Assurance => value in ASSURANCE_RANK;

/** True when `reached` is at least `required`. */
export const meetsAssurance = (reached: string | undefined, required: Assurance): boolean =>
  ASSURANCE_RANK[isAssurance(reached ?? "") ? (reached as Assurance) : "none"] >= ASSURANCE_RANK[required];

/**
 * ID-1, ID-2: what a decision on an application needs. A low-risk service needs nothing (proofing is
 * optional); medium and high need the service's assurance, and never less than IAL2 (evidence checked).
 */
export function requiredAssurance(risk: { level: RiskLevel; assurance: Assurance }): Assurance {
  if (risk.level === "low") return "none";
  return ASSURANCE_RANK[risk.assurance] >= ASSURANCE_RANK.IAL2 ? risk.assurance : "IAL2";
}

/**
 * ThaiD's `ial` claim (THAI-STANDARDS §1: format unconfirmed, e.g. "2.3", "IAL2.1", 2.1) as a level:
 * its first digit 1..3. Anything unreadable is IAL1 (a sign-in asserting nothing more), never higher.
 */
export function assuranceOfIalClaim(ial: unknown): Assurance {
  const match = /^(?:ial)?\s*([1-3])(?:\.\d+)?$/i.exec(String(ial ?? "").trim());
  return match ? (`IAL${match[1]}` as Assurance) : "IAL1";
}
