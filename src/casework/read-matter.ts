import { recordAudit } from "../audit/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import {
  type Entry,
  findMatter,
  listMatterActions,
  listMatterEntries,
  MATTER_STATUSES,
  type Matter,
  type MatterActionRecord,
  type MatterStatus,
} from "../register/index.js";
import { allowedActions, type StatusTable } from "../workflow/index.js";
import { matterScope } from "./officer-scope.js";
import { CASEWORK_ACTIONS, type CaseworkAction, type CaseworkOfficer } from "./take-matter-action.js";

export interface MatterRead {
  matter: Matter;
  entries: Entry[];
  /** The whole timeline: officers see what only officers see (comments, memos), marked so. */
  actions: MatterActionRecord[];
  /** The casework actions the status table allows this officer now. */
  allowed: CaseworkAction[];
}

/** The casework actions the matter's table allows these roles from its status. */
export function allowedCaseworkActions(matter: Matter, roles: CaseworkOfficer["roles"]): CaseworkAction[] {
  const table = MATTER_STATUSES[matter.kind] as unknown as StatusTable<MatterStatus, string, string>;
  const allowed = allowedActions(table, matter.status, roles);
  return CASEWORK_ACTIONS.filter((a) => allowed.includes(a));
}

/**
 * An officer opens a matter: the matter, its entries and its timeline, if it is within their scope
 * (else MATTER_NOT_FOUND, as if it did not exist). The read is audited: entries carry personal data (SC-1).
 */
export async function readMatter(
  handle: DatabaseHandle,
  agencyId: string,
  matterId: string,
  officer: CaseworkOfficer,
): Promise<MatterRead> {
  const matter = await findMatter(handle.db, agencyId, matterId);
  if (!matter || !matterScope(officer, matter)) throw new AppError("MATTER_NOT_FOUND");
  const [entries, actions] = await Promise.all([
    listMatterEntries(handle.db, matter.id),
    listMatterActions(handle.db, matter.id),
  ]);
  await recordAudit(handle.db, {
    agencyId,
    actor: `staff:${officer.staffId}`,
    action: "matter.read",
    subjectType: "matter",
    subjectId: matter.id,
    data: {},
    ip: officer.ip,
    at: officer.at.toISOString(),
  });
  return { matter, entries, actions, allowed: allowedCaseworkActions(matter, officer.roles) };
}
