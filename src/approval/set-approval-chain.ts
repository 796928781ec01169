import { listUnits } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { findService } from "../catalog/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { saveChain } from "./approval.repo.js";
import { type ChainLevel, checkLevels } from "./chain.js";

/**
 * AP-1: an admin sets who decides a service's applications, level by level (1 to 5), audited as
 * `approval.chain-set`. Matters already awaiting approval continue on the new chain from their next level.
 * Throws SERVICE_NOT_FOUND, VALIDATION_FAILED.
 */
export async function setApprovalChain(
  handle: DatabaseHandle,
  input: { agencyId: string; serviceCode: string; levels: ChainLevel[] },
  ctx: { staffId: string; at: Date; ip?: string },
): Promise<ChainLevel[]> {
  if (!(await findService(handle.db, input.agencyId, input.serviceCode)))
    throw new AppError("SERVICE_NOT_FOUND");
  const units = (await listUnits(handle.db, input.agencyId)).map((u) => u.id);
  const levels = checkLevels(input.levels, units);
  await withTransaction(handle, async (trx) => {
    const at = ctx.at.toISOString();
    await saveChain(trx, {
      agencyId: input.agencyId,
      serviceCode: input.serviceCode,
      levels,
      updatedBy: `staff:${ctx.staffId}`,
      at,
    });
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: `staff:${ctx.staffId}`,
      action: "approval.chain-set",
      subjectType: "service",
      subjectId: input.serviceCode,
      data: { levels: levels.map((l) => ({ role: l.role, unitId: l.unitId })) },
      ip: ctx.ip,
      at,
    });
  });
  return levels;
}
