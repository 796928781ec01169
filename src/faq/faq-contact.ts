import { contactPhone, findAgency, findUnit } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";

/** WB-1, IF-3: who to ask, as it is today: the unit's current name and phone, else the agency's contact. */
export interface FaqContact {
  name: { th: string; en: string };
  phone: string;
  email: string | null;
}

/**
 * Read at every page view, never stored with the entry: a unit that moves or changes its number is
 * shown as it is now (IF-3). A unit without a phone of its own gives the agency's.
 */
export async function currentContact(
  db: Db,
  agencyId: string,
  unitId: string | null,
): Promise<FaqContact | undefined> {
  const agency = await findAgency(db, agencyId);
  if (!agency) return undefined;
  const unit = unitId ? await findUnit(db, agencyId, unitId) : undefined;
  if (unit)
    return {
      name: { th: unit.name_th, en: unit.name_en },
      phone: unit.phone ?? contactPhone(agency),
      email: agency.centralEmail || null,
    };
  return {
    name: { th: agency.nameTh, en: agency.nameEn },
    phone: contactPhone(agency),
    email: agency.centralEmail || null,
  };
}
