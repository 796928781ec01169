import { Value } from "@sinclair/typebox/value";
import { recordAudit } from "../audit/index.js";
import { DEFAULT_BUSINESS_HOURS, parseClock } from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { findAgency, saveAgency, saveUnit } from "./agencies.repo.js";
import {
  type Agency,
  type CentralEmailWarning,
  checkCentralEmail,
  EMAIL_PATTERN,
  withTotpFloor,
} from "./agency.js";
import { type AgencySettings, AgencySettingsSchema } from "./agency-settings.schema.js";

/** Checks a settings object against the schema; throws AGENCY_INVALID listing every problem. */
export function parseAgencySettings(input: unknown): AgencySettings {
  // One problem per field: the schema reports "required" and "wrong type" for the same missing field.
  const byPath = new Map<string, string>();
  for (const e of Value.Errors(AgencySettingsSchema, input))
    if (!byPath.has(e.path)) byPath.set(e.path, e.message);
  const problems = [...byPath].map(([p, message]) => `${p || "/"}: ${message}`);
  const settings = input as AgencySettings;
  if (problems.length === 0 && !EMAIL_PATTERN.test(settings.centralEmail))
    problems.push("/centralEmail: not an email address");
  if (problems.length === 0 && settings.businessHours) {
    const { opening, closing } = settings.businessHours;
    if (parseClock(opening) >= parseClock(closing))
      problems.push("/businessHours: opening must be before closing");
  }
  if (problems.length > 0) throw new AppError("AGENCY_INVALID", { problems: problems.join("; ") }, problems);
  return settings;
}

/**
 * Creates or updates an agency and its units from a settings object (CLI `borikan agency init`).
 * Returns the CH-2 warnings about the central address. Throws AGENCY_INVALID.
 */
export async function initAgency(
  handle: DatabaseHandle,
  input: unknown,
  ctx: { clock: Clock; actor: string },
): Promise<{ agency: Agency; warnings: CentralEmailWarning[] }> {
  const settings = parseAgencySettings(input);
  const existing = await findAgency(handle.db, settings.id);
  const agency: Agency = {
    id: settings.id,
    nameTh: settings.nameTh,
    nameEn: settings.nameEn,
    domain: settings.domain,
    hostnames: settings.hostnames ?? [],
    centralEmail: settings.centralEmail.toLowerCase(),
    phones: settings.phones,
    timeZone: settings.timeZone ?? "Asia/Bangkok",
    businessHours: { ...DEFAULT_BUSINESS_HOURS, ...settings.businessHours },
    holidayCalendar: "TH",
    totpRequiredRoles: withTotpFloor(settings.totpRequiredRoles ?? []),
    // Texts edited on the admin pages are not part of the settings file: keep them.
    acknowledgementText: existing?.acknowledgementText ?? {},
    letterCode: settings.letterCode ?? existing?.letterCode ?? null,
    opdcEmail: settings.opdcEmail?.toLowerCase() ?? existing?.opdcEmail ?? null,
    postalAddress: settings.postalAddress ?? existing?.postalAddress ?? null,
    videoCallUrl: settings.videoCallUrl ?? existing?.videoCallUrl ?? null,
    licenceOrigin: existing?.licenceOrigin ?? null,
    emblemKey: existing?.emblemKey ?? null,
  };
  const now = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    await saveAgency(trx, agency, now);
    for (const unit of settings.units ?? []) {
      await saveUnit(trx, { id: newId(), agencyId: agency.id, ...unit }, now);
    }
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: ctx.actor,
      action: "agency.init",
      subjectType: "agency",
      subjectId: agency.id,
      data: settings,
      at: now,
    });
  });
  return { agency, warnings: checkCentralEmail(agency.centralEmail, agency.domain, settings.parentDomain) };
}
