import type { Selectable } from "kysely";

export type VideoCallStatus = "booked" | "held" | "missed" | "cancelled";
export type VideoCallOutcome = "proven" | "refused";

/** ID-3, PD-7: a video call that checks the applicant's identity; the still and note are evidence. */
export interface VideoAppointmentsTable {
  id: string;
  agency_id: string;
  matter_id: string;
  proof_id: string | null;
  starts_at: string;
  duration_min: number;
  link: string;
  status: VideoCallStatus;
  booked_by: string;
  booked_at: string;
  outcome: VideoCallOutcome | null;
  still_key: string | null;
  consent_at: string | null;
  note: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export type VideoAppointmentRow = Selectable<VideoAppointmentsTable>;
