import type { Db } from "../platform/db/database.js";
import type { ApprovalDecisionRow, ApprovalDecisionsTable } from "./approval.table.js";
import { type ChainLevel, DEFAULT_CHAIN } from "./chain.js";

/** AP-1: the chain of a service: the one an admin set, or the default (one approver of the matter's unit). */
export async function findChain(
  db: Db,
  agencyId: string,
  serviceCode: string,
): Promise<{ levels: ChainLevel[]; isDefault: boolean }> {
  const row = await db
    .selectFrom("approval_chains")
    .select("levels")
    .where("agency_id", "=", agencyId)
    .where("service_code", "=", serviceCode)
    .executeTakeFirst();
  return row
    ? { levels: JSON.parse(row.levels) as ChainLevel[], isDefault: false }
    : { levels: [...DEFAULT_CHAIN], isDefault: true };
}

/** Writes (or replaces) a service's chain. */
export async function saveChain(
  trx: Db,
  chain: { agencyId: string; serviceCode: string; levels: ChainLevel[]; updatedBy: string; at: string },
): Promise<void> {
  const values = { levels: JSON.stringify(chain.levels), updated_by: chain.updatedBy, updated_at: chain.at };
  await trx
    .insertInto("approval_chains")
    .values({ agency_id: chain.agencyId, service_code: chain.serviceCode, ...values })
    .onConflict((oc) => oc.columns(["agency_id", "service_code"]).doUpdateSet(values))
    .execute();
}

/** A matter's decisions, oldest first (every round). */
export async function listDecisions(db: Db, matterId: string): Promise<ApprovalDecisionRow[]> {
  return db
    .selectFrom("approval_decisions")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("round")
    .orderBy("level")
    .execute();
}

export async function insertDecision(trx: Db, row: ApprovalDecisionsTable): Promise<void> {
  await trx.insertInto("approval_decisions").values(row).execute();
}
