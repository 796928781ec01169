import { findAgency, videoCallLink } from "../agencies/index.js";
import { fromLocal, isValidDate } from "../calendar/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import { recordAction } from "../register/index.js";
import { insertVideoAppointment } from "./video-calls.repo.js";
import { type IdentityOfficer, loadIdentitySubject, staffActor } from "./video-subject.js";

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;
/** ID-3: how long a call may be booked for, in minutes. */
export const VIDEO_CALL_DURATIONS = [15, 30, 45, 60] as const;

export interface VideoCallBooking {
  agencyId: string;
  matterId: string;
  expectedVersion: number;
  /** When, in the agency's local time (Asia/Bangkok): `YYYY-MM-DDTHH:MM`, a datetime-local field. */
  startsAtLocal: string;
  durationMin: number;
}

const invalid = (field: string) => new AppError("VALIDATION_FAILED", { detail: field }, { field });

/**
 * ID-3: an officer books an identity call on an application: the link is made from the agency's video
 * tool setting, and a public `book-identity-call` action tells the applicant the time and where to go
 * (the notifications sweep follows the timeline). One call awaited at a time: a second booking cancels
 * the first. Throws VIDEO_CALL_NOT_CONFIGURED (no video tool set), VIDEO_CALL_IN_PAST, VALIDATION_FAILED,
 * MATTER_NOT_FOUND, MATTER_CHANGED, ACTION_NOT_ALLOWED.
 */
export async function bookVideoCall(
  handle: DatabaseHandle,
  input: VideoCallBooking,
  officer: IdentityOfficer,
): Promise<string> {
  const agency = await findAgency(handle.db, input.agencyId);
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  // Another unit's or agency's matter is a 404 before anything about the booking is said.
  await loadIdentitySubject(handle.db, input.agencyId, input.matterId, officer);
  if (!agency.videoCallUrl) throw new AppError("VIDEO_CALL_NOT_CONFIGURED");
  const match = LOCAL_TIME.exec(input.startsAtLocal.trim());
  if (!match || !isValidDate(match[1]!) || Number(match[2]) > 23 || Number(match[3]) > 59)
    throw invalid("startsAt");
  const startsAt = fromLocal(match[1]!, Number(match[2]) * 60 + Number(match[3]), agency.timeZone);
  if (startsAt.getTime() <= officer.at.getTime()) throw new AppError("VIDEO_CALL_IN_PAST");
  if (startsAt.getTime() > officer.at.getTime() + 180 * 86_400_000) throw invalid("startsAt");
  if (!(VIDEO_CALL_DURATIONS as readonly number[]).includes(input.durationMin)) throw invalid("duration");

  const id = newId();
  const at = officer.at.toISOString();
  await withTransaction(handle, async (trx) => {
    const { scope } = await loadIdentitySubject(trx, input.agencyId, input.matterId, officer);
    const done = await recordAction(trx, {
      agencyId: input.agencyId,
      subject: { matterId: input.matterId },
      action: "book-identity-call",
      payload: { appointmentId: id, startsAt: startsAt.toISOString(), durationMin: input.durationMin },
      actor: staffActor(officer),
      at: officer.at,
      ip: officer.ip,
      expectedVersion: input.expectedVersion,
      unitIds: scope.unitIds,
    });
    await trx
      .updateTable("video_appointments")
      .set({ status: "cancelled", decided_by: `staff:${officer.staffId}`, decided_at: at })
      .where("matter_id", "=", done.matter.id)
      .where("status", "=", "booked")
      .execute();
    await insertVideoAppointment(trx, {
      id,
      agency_id: input.agencyId,
      matter_id: done.matter.id,
      proof_id: null,
      starts_at: startsAt.toISOString(),
      duration_min: input.durationMin,
      link: videoCallLink(agency.videoCallUrl!, id),
      status: "booked",
      booked_by: `staff:${officer.staffId}`,
      booked_at: at,
      outcome: null,
      still_key: null,
      consent_at: null,
      note: null,
      decided_by: null,
      decided_at: null,
    });
  });
  return id;
}
