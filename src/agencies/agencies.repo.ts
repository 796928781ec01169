import { bumpCacheVersion } from "../platform/cache-versions/index.js";
import type { Db } from "../platform/db/database.js";
import type { UnitRow } from "./agencies.table.js";
import { type Agency, agencyFromRow } from "./agency.js";

/** #18 shared: the cache version every process's agency list is kept under; bumped by every agency write. */
export const AGENCIES_SCOPE = "agencies";

export async function findAgency(db: Db, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom("agencies").selectAll().where("id", "=", id).executeTakeFirst();
  return row && agencyFromRow(row);
}

export async function listAgencies(db: Db): Promise<Agency[]> {
  const rows = await db.selectFrom("agencies").selectAll().orderBy("id").execute();
  return rows.map(agencyFromRow);
}

export async function saveAgency(db: Db, agency: Agency, now: string): Promise<void> {
  const values = {
    name_th: agency.nameTh,
    name_en: agency.nameEn,
    domain: agency.domain,
    hostnames: JSON.stringify(agency.hostnames),
    central_email: agency.centralEmail,
    phones: JSON.stringify(agency.phones),
    time_zone: agency.timeZone,
    business_hours: JSON.stringify(agency.businessHours),
    holiday_calendar: agency.holidayCalendar,
    totp_required_roles: JSON.stringify(agency.totpRequiredRoles),
    acknowledgement_text_th: agency.acknowledgementText.th ?? null,
    acknowledgement_text_en: agency.acknowledgementText.en ?? null,
    letter_code: agency.letterCode,
    opdc_email: agency.opdcEmail,
    postal_address: agency.postalAddress,
    video_call_url: agency.videoCallUrl,
    licence_origin: agency.licenceOrigin,
    emblem_key: agency.emblemKey,
    updated_at: now,
  };
  await db
    .insertInto("agencies")
    .values({ id: agency.id, created_at: now, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
  await bumpCacheVersion(db, AGENCIES_SCOPE, now);
}

export async function listUnits(db: Db, agencyId: string): Promise<UnitRow[]> {
  return db.selectFrom("units").selectAll().where("agency_id", "=", agencyId).orderBy("code").execute();
}

/** One of the agency's units, or undefined. */
export async function findUnit(db: Db, agencyId: string, unitId: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom("units")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", unitId)
    .executeTakeFirst();
}

export async function saveUnit(
  db: Db,
  unit: { id: string; agencyId: string; code: string; nameTh: string; nameEn: string; phone?: string },
  now: string,
): Promise<void> {
  const values = { name_th: unit.nameTh, name_en: unit.nameEn, phone: unit.phone ?? null };
  await db
    .insertInto("units")
    .values({ id: unit.id, agency_id: unit.agencyId, code: unit.code, created_at: now, ...values })
    .onConflict((oc) => oc.columns(["agency_id", "code"]).doUpdateSet(values))
    .execute();
}
