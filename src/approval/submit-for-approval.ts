import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, recordAction } from "../register/index.js";
import type { Officer } from "./decide-approval.js";
import { applicationFacts } from "./matter-facts.js";

/**
 * AP-1: a reviewer sends a checked application to its approval chain (`submit-for-approval`).
 * Throws MATTER_NOT_FOUND (also outside the officer's units), MATTER_CHANGED, ACTION_NOT_ALLOWED, ACTION_FORBIDDEN.
 */
export async function submitForApproval(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; expectedVersion: number },
  officer: Officer,
  ctx: { at: Date; ip?: string },
): Promise<{ version: number }> {
  const matter = await findMatter(handle.db, input.agencyId, input.matterId);
  if (matter?.kind !== "application") throw new AppError("MATTER_NOT_FOUND");
  await applicationFacts(handle.db, matter);
  const result = await recordAction(handle, {
    agencyId: input.agencyId,
    subject: { matterId: matter.id },
    action: "submit-for-approval",
    payload: {},
    actor: { kind: "staff", staffId: officer.staffId, roles: officer.roles },
    at: ctx.at,
    ip: ctx.ip,
    expectedVersion: input.expectedVersion,
    unitIds: officer.scope,
  });
  return { version: result.matter.version };
}
