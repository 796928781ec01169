import type { FastifyRequest } from "fastify";
import { listUnits } from "../agencies/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { listStaff, staffGuard } from "../staff/index.js";
import type { MatterPanel } from "./matter-panel.js";
import type { CaseworkOfficer } from "./take-matter-action.js";

export interface CaseworkRoutesOptions {
  handle: DatabaseHandle;
  clock: Clock;
  /** What the other parts show on the matter page, in this order (given by the app). */
  matterPanels?: MatterPanel[];
}

/** What the casework route files share: the guard (any officer), the officer acting, names of units and staff. */
export function caseworkContext(opts: CaseworkRoutesOptions) {
  const { handle, clock } = opts;
  const officers = { preHandler: staffGuard(handle.db, clock)([]) };
  const officer = (req: FastifyRequest): CaseworkOfficer => {
    const { staff } = req.staffSession!;
    return { staffId: staff.id, roles: staff.roles, unitIds: staff.unitIds, at: clock.now(), ip: req.ip };
  };
  const unitsOf = async (req: FastifyRequest) =>
    (await listUnits(handle.db, req.agency.id)).map((u) => ({
      id: u.id,
      name: req.lang === "th" ? u.name_th : u.name_en,
    }));
  const staffOf = (req: FastifyRequest) => listStaff(handle.db, req.agency.id);
  const base = (req: FastifyRequest) => `${req.basePath}/office`;
  return { ...opts, officers, officer, unitsOf, staffOf, base };
}

export type CaseworkContext = ReturnType<typeof caseworkContext>;
