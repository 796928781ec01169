import { recordAudit } from "../audit/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { updateBookedVideoAppointment } from "./video-calls.repo.js";

/**
 * PD-7: the applicant's explicit consent to a still being captured during the identity call, recorded
 * before the call's link is shown to them; audited (by ids). Consent given once stays given for that
 * call. Throws VIDEO_CALL_NOT_FOUND when the call is no longer booked.
 */
export async function consentToVideoCall(
  handle: DatabaseHandle,
  input: { agencyId: string; matterId: string; appointmentId: string },
  ctx: { at: Date; ip?: string },
): Promise<void> {
  const at = ctx.at.toISOString();
  await withTransaction(handle, async (trx) => {
    const call = await trx
      .selectFrom("video_appointments")
      .select(["id", "consent_at"])
      .where("id", "=", input.appointmentId)
      .where("matter_id", "=", input.matterId)
      .where("agency_id", "=", input.agencyId)
      .where("status", "=", "booked")
      .executeTakeFirst();
    if (!call) throw new AppError("VIDEO_CALL_NOT_FOUND");
    if (call.consent_at) return;
    if (!(await updateBookedVideoAppointment(trx, call.id, { consent_at: at })))
      throw new AppError("VIDEO_CALL_NOT_FOUND");
    await recordAudit(trx, {
      agencyId: input.agencyId,
      actor: "applicant",
      action: "identity.video-consent",
      subjectType: "matter",
      subjectId: input.matterId,
      data: { appointmentId: call.id, purpose: "biometric-still" },
      ip: ctx.ip,
      at,
    });
  });
}
