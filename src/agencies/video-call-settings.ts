import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findAgency, saveAgency } from "./agencies.repo.js";
import type { AdminContext } from "./update-agency.js";

const invalid = () =>
  new AppError("VALIDATION_FAILED", { detail: "videoCallUrl" }, { field: "videoCallUrl" });

/**
 * #13 ID-3: the link of a call made from the agency's template, `{appointment}` replaced by the
 * appointment's id (a template without it is one fixed room).
 */
export const videoCallLink = (template: string, appointmentId: string): string =>
  template.replaceAll("{appointment}", encodeURIComponent(appointmentId));

/** The template checked: an https link (its host the agency's video tool), at most 300 characters. */
export function checkVideoCallUrl(raw: string): string {
  const template = raw.trim();
  if (template.length > 300 || /\s/.test(template)) throw invalid();
  try {
    const url = new URL(videoCallLink(template, "x"));
    if (url.protocol !== "https:" || !url.hostname) throw invalid();
  } catch {
    throw invalid();
  }
  return template;
}

/**
 * An admin sets (or, with an empty text, removes) the agency's video tool link; audited. Throws
 * VALIDATION_FAILED, AGENCY_NOT_FOUND.
 */
export async function setVideoCallUrl(
  handle: DatabaseHandle,
  agencyId: string,
  raw: string,
  ctx: AdminContext,
): Promise<void> {
  const videoCallUrl = raw.trim() ? checkVideoCallUrl(raw) : null;
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const current = await findAgency(trx, agencyId);
    if (!current) throw new AppError("AGENCY_NOT_FOUND");
    await saveAgency(trx, { ...current, videoCallUrl }, at);
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "agency.set-video-call-url",
      subjectType: "agency",
      subjectId: agencyId,
      data: { from: current.videoCallUrl, to: videoCallUrl },
      ip: ctx.ip,
      at,
    });
  });
}
