import { recordAudit } from "../audit/index.js";
import { type BusinessHours, parseClock } from "../calendar/index.js";
import { bumpCacheVersion } from "../platform/cache-versions/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { recomputeAgencyDeadlines } from "../register/index.js";
import { AGENCIES_SCOPE, findAgency, saveAgency, saveUnit } from "./agencies.repo.js";
import { type Agency, type CentralEmailWarning, checkCentralEmail, EMAIL_PATTERN } from "./agency.js";

export interface AdminContext {
  clock: Clock;
  actor: string;
  ip?: string;
}

export interface AgencyProfile {
  nameTh: string;
  nameEn: string;
  centralEmail: string;
  phones: string[];
  businessHours: BusinessHours;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

function checkProfile(p: AgencyProfile): void {
  if (!p.nameTh.trim() || p.nameTh.length > 300) throw invalid("nameTh");
  if (!p.nameEn.trim() || p.nameEn.length > 300) throw invalid("nameEn");
  if (!EMAIL_PATTERN.test(p.centralEmail)) throw invalid("centralEmail");
  if (p.phones.length === 0 || !p.phones.every((x) => /^[0-9+() -]{6,30}$/.test(x))) throw invalid("phones");
  const { weekdays, opening, closing, acknowledgeByNextDay } = p.businessHours;
  if (weekdays.length === 0 || !weekdays.every((d) => Number.isInteger(d) && d >= 1 && d <= 7))
    throw invalid("weekdays");
  const labourDay = p.businessHours.closedOnLabourDay;
  if (labourDay !== undefined && typeof labourDay !== "boolean") throw invalid("closedOnLabourDay");
  try {
    if (parseClock(opening) >= parseClock(closing)) throw invalid("closing");
    parseClock(acknowledgeByNextDay);
  } catch (error) {
    throw error instanceof AppError ? error : invalid("opening");
  }
}

/**
 * An admin edits the agency's names, central address, phones and business hours. When the hours change,
 * open entries get their deadlines recomputed in the same transaction (CH-3, CH-4). Returns the CH-2
 * warnings about the central address. Throws VALIDATION_FAILED, AGENCY_NOT_FOUND.
 */
export async function updateAgencyProfile(
  handle: DatabaseHandle,
  agencyId: string,
  profile: AgencyProfile,
  ctx: AdminContext,
): Promise<CentralEmailWarning[]> {
  checkProfile(profile);
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const current = await findAgency(trx, agencyId);
    if (!current) throw new AppError("AGENCY_NOT_FOUND");
    const updated: Agency = { ...current, ...profile, centralEmail: profile.centralEmail.toLowerCase() };
    await saveAgency(trx, updated, at);
    const hoursChanged = JSON.stringify(current.businessHours) !== JSON.stringify(updated.businessHours);
    const recomputed = hoursChanged
      ? await recomputeAgencyDeadlines(trx, updated, { actor: ctx.actor, at })
      : 0;
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.update",
      subjectType: "agency",
      subjectId: agencyId,
      data: { from: current, to: updated, deadlinesRecomputed: recomputed },
      ip: ctx.ip,
      at,
    });
  });
  return checkCentralEmail(
    profile.centralEmail.toLowerCase(),
    (await findAgency(handle.db, agencyId))!.domain,
  );
}

/** An admin adds a unit, or renames one by its code. Throws VALIDATION_FAILED. */
export async function saveAgencyUnit(
  handle: DatabaseHandle,
  agencyId: string,
  unit: { code: string; nameTh: string; nameEn: string; phone?: string },
  ctx: AdminContext,
) {
  if (!/^[\w-]{1,40}$/.test(unit.code)) throw invalid("code");
  if (!unit.nameTh.trim()) throw invalid("nameTh");
  if (!unit.nameEn.trim()) throw invalid("nameEn");
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    await saveUnit(trx, { id: newId(), agencyId, ...unit, phone: unit.phone || undefined }, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.save-unit",
      subjectType: "unit",
      subjectId: `${agencyId}:${unit.code}`,
      data: unit,
      ip: ctx.ip,
      at,
    });
  });
}

/**
 * An admin sets the acknowledgement texts (CH-4); an empty text means the default. A text must carry
 * {receiptNumber} and {phone}, which the law requires in every acknowledgement. Throws VALIDATION_FAILED.
 */
export async function setAcknowledgementText(
  handle: DatabaseHandle,
  agencyId: string,
  texts: { th: string; en: string },
  ctx: AdminContext,
) {
  for (const [lang, text] of Object.entries(texts)) {
    if (text.trim() && (!text.includes("{receiptNumber}") || !text.includes("{phone}") || text.length > 5000))
      throw invalid(`acknowledgement_${lang}`);
  }
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    await trx
      .updateTable("agencies")
      .set({
        acknowledgement_text_th: texts.th.trim() || null,
        acknowledgement_text_en: texts.en.trim() || null,
        updated_at: at,
      })
      .where("id", "=", agencyId)
      .execute();
    await bumpCacheVersion(trx, AGENCIES_SCOPE, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.set-acknowledgement-text",
      subjectType: "agency",
      subjectId: agencyId,
      data: texts,
      ip: ctx.ip,
      at,
    });
  });
}
