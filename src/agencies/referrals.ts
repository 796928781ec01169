import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";

/** CH-8: an agency a misdirected request may be referred to. */
export interface ReferralAgency {
  id: string;
  nameTh: string;
  nameEn: string;
  /** Where to reach it: its central address, web page or phone. */
  contact: string;
}

export async function listReferralAgencies(db: Db, agencyId: string): Promise<ReferralAgency[]> {
  const rows = await db
    .selectFrom("referral_agencies")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("name_th")
    .execute();
  return rows.map((r) => ({ id: r.id, nameTh: r.name_th, nameEn: r.name_en, contact: r.contact }));
}

/** One of the agency's referral agencies, or undefined. */
export async function findReferralAgency(
  db: Db,
  agencyId: string,
  id: string,
): Promise<ReferralAgency | undefined> {
  const r = await db
    .selectFrom("referral_agencies")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r && { id: r.id, nameTh: r.name_th, nameEn: r.name_en, contact: r.contact };
}

/** CH-8: the admin keeps the list of agencies officers may name in a misdirected reply. */
export async function addReferralAgency(
  handle: DatabaseHandle,
  agencyId: string,
  input: { nameTh: string; nameEn: string; contact: string },
  ctx: { clock: Clock; actor: string; ip?: string },
): Promise<string> {
  const values = { nameTh: input.nameTh.trim(), nameEn: input.nameEn.trim(), contact: input.contact.trim() };
  for (const [field, value] of Object.entries(values)) {
    if (value.length < 2 || value.length > 300)
      throw new AppError("VALIDATION_FAILED", { detail: field }, { field });
  }
  const id = newId();
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    await trx
      .insertInto("referral_agencies")
      .values({
        id,
        agency_id: agencyId,
        name_th: values.nameTh,
        name_en: values.nameEn,
        contact: values.contact,
        created_at: at,
      })
      .execute();
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.referral-add",
      subjectType: "referral_agency",
      subjectId: id,
      data: values,
      ip: ctx.ip,
      at,
    });
  });
  return id;
}
