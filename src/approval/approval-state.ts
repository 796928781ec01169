import type { Db } from "../platform/db/database.js";
import type { Matter } from "../register/index.js";
import { findChain, listDecisions } from "./approval.repo.js";
import type { ApprovalDecisionRow } from "./approval.table.js";
import type { ChainLevel } from "./chain.js";
import { type ApplicationFacts, applicationFacts, approvalRound } from "./matter-facts.js";

/** Where a matter stands on its chain: the round, its decisions, and the level to decide next. */
export interface ApprovalState {
  facts: ApplicationFacts;
  levels: ChainLevel[];
  round: number;
  /** Every decision of every round (who decided which level before a send-back). */
  all: ApprovalDecisionRow[];
  /** This round's decisions. */
  decided: ApprovalDecisionRow[];
  /** 1-based. */
  level: number;
  levelDef: ChainLevel;
  isLast: boolean;
}

/** AP-1: reads the chain of the matter's service and its decisions. Throws MATTER_NOT_FOUND for a general request. */
export async function approvalState(db: Db, matter: Matter): Promise<ApprovalState> {
  const facts = await applicationFacts(db, matter);
  const { levels } = await findChain(db, matter.agencyId, facts.serviceCode);
  const round = await approvalRound(db, matter.id);
  const all = await listDecisions(db, matter.id);
  const decided = all.filter((d) => d.round === round);
  const level = decided.filter((d) => d.decision === "approve").length + 1;
  // A chain shortened while a matter was on it: its last level decides what remains.
  const levelDef = levels[Math.min(level, levels.length) - 1]!;
  return { facts, levels, round, all, decided, level, levelDef, isLast: level >= levels.length };
}
