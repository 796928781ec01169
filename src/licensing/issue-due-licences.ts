import { findServiceVersion, type LicenceTemplate } from "../catalog/index.js";
import { findApplicationOfMatter } from "../forms/index.js";
import { type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { listMatterIdsInStatus } from "../register/index.js";
import { issueLicenceIn } from "./issue-licence.js";
import { clearIssueFailure, noteIssueFailure } from "./licence-issue-failures.repo.js";
import { listMatterLicences } from "./licences.repo.js";
import type { LicensingDeps } from "./licensing-deps.js";

const SYSTEM = { kind: "system", name: "system:licensing" } as const;
/** Matters looked at per sweep: a sweep stays short however many wait. */
export const ISSUE_BATCH = 20;
/** Where the last sweep stopped, per running service: the next one goes on from there, then wraps round. */
const cursors = new WeakMap<LicensingDeps, string>();

/** The template of the matter's service version, when its licence is to be issued without an officer. */
async function automaticTemplate(db: Db, matterId: string): Promise<LicenceTemplate | undefined> {
  const application = await findApplicationOfMatter(db, matterId);
  const version = application && (await findServiceVersion(db, application.service_version_id));
  const template = version?.definition.licence;
  return template?.issue === "automatic" ? template : undefined;
}

/**
 * LC-1, LC-2: the worker issues, as `system:licensing`, the licence of each matter paid (or approved
 * without a fee) whose service's template says `issue: "automatic"` and that has none yet: a bounded
 * batch per sweep. A failure (no signer, no origin, a missing field) is noted on the matter's panel and
 * logged once, never thrown; a matter another worker issued meanwhile is simply skipped (the unique
 * index and LICENCE_ALREADY_ISSUED inside the transaction keep it to one licence).
 */
export async function issueDueLicences(
  deps: LicensingDeps,
  now: Date,
  limit = ISSUE_BATCH,
): Promise<{ issued: number; failed: number }> {
  const db = deps.handle.db;
  const batch = await listMatterIdsInStatus(db, ["paid", "approved"], {
    afterId: cursors.get(deps) ?? "",
    limit,
  });
  cursors.set(deps, batch.length < limit ? "" : (batch.at(-1)?.id ?? ""));
  let issued = 0;
  let failed = 0;
  for (const matter of batch) {
    if (!(await automaticTemplate(db, matter.id))) continue;
    try {
      await withTransaction(deps.handle, async (trx) => {
        await issueLicenceIn(trx, deps, {
          agencyId: matter.agencyId,
          matterId: matter.id,
          actor: SYSTEM,
          at: now,
        });
        await clearIssueFailure(trx, matter.id);
      });
      issued++;
    } catch (error) {
      // Another worker's transaction won the race (PostgreSQL: its unique index; SQLite: the check).
      if ((await listMatterLicences(db, matter.id)).length > 0) continue;
      failed++;
      const code = error instanceof AppError ? error.code : "LICENCE_ISSUE_FAILED";
      const params = error instanceof AppError ? error.params : {};
      const news = await noteIssueFailure(db, {
        agencyId: matter.agencyId,
        matterId: matter.id,
        code,
        params,
        at: now.toISOString(),
      });
      if (news)
        deps.log(
          `licensing: matter ${matter.id} not issued automatically: ${code} ${JSON.stringify(params)}${error instanceof AppError ? "" : ` ${String(error)}`}`,
        );
    }
  }
  return { issued, failed };
}
