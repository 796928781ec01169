import { listUnits } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { type DataReadKind, listDataReads } from "../privacy/index.js";
import { listStaff } from "../staff/index.js";
import { type Citizen, listMyRequests } from "./my-requests.js";

/** One read of the citizen's data as they are shown it. */
export interface MyDataRead {
  at: Date;
  /** The officer's display name and their units' names; undefined when the officer's account is gone. */
  officer?: { name: string; unitsTh: string[]; unitsEn: string[] };
  what: DataReadKind;
  receiptNumber: string;
}

/** Reads per page of "who read my data". */
export const READS_PAGE = 20;

/**
 * PD-6: who read the personal data of the citizen's matters (those "my requests" finds), when, what
 * and which request; newest first, `READS_PAGE` at a time from `page` (0 is the newest).
 */
export async function listMyDataReads(
  db: Db,
  citizen: Citizen,
  page: number,
  limit = READS_PAGE,
): Promise<{ rows: MyDataRead[]; more: boolean }> {
  const matters = await listMyRequests(db, citizen);
  const receipt = new Map(matters.map((m) => [m.id, m.receiptNumber]));
  const found = await listDataReads(db, {
    agencyId: citizen.agencyId,
    matterIds: [...receipt.keys()],
    offset: page * limit,
    limit,
  });
  if (found.rows.length === 0) return { rows: [], more: found.more };
  const staff = new Map((await listStaff(db, citizen.agencyId)).map((s) => [`staff:${s.id}`, s]));
  const units = new Map((await listUnits(db, citizen.agencyId)).map((u) => [u.id, u]));
  return {
    more: found.more,
    rows: found.rows.map((r) => {
      const who = staff.get(r.reader);
      const theirUnits = (who?.unitIds ?? []).flatMap((id) => units.get(id) ?? []);
      return {
        at: r.at,
        what: r.what,
        receiptNumber: receipt.get(r.matterId) ?? "",
        ...(who && {
          officer: {
            name: who.displayName,
            unitsTh: theirUnits.map((u) => u.name_th),
            unitsEn: theirUnits.map((u) => u.name_en),
          },
        }),
      };
    }),
  };
}
