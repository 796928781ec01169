import type { Insertable, Updateable } from "kysely";
import type { Db } from "../platform/db/database.js";
import type { VideoAppointmentRow, VideoAppointmentsTable } from "./video-calls.table.js";

export const insertVideoAppointment = (trx: Db, row: Insertable<VideoAppointmentsTable>) =>
  trx.insertInto("video_appointments").values(row).execute();

/** A matter's calls, the latest booked first. */
export const listVideoAppointments = (db: Db, matterId: string): Promise<VideoAppointmentRow[]> =>
  db
    .selectFrom("video_appointments")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("booked_at", "desc")
    .orderBy("id", "desc")
    .execute();

/** The matter's call still awaited (booked, not yet decided), if any. */
export async function findBookedVideoAppointment(
  db: Db,
  matterId: string,
): Promise<VideoAppointmentRow | undefined> {
  return (await listVideoAppointments(db, matterId)).find((a) => a.status === "booked");
}

/** Changes a call still booked; false when it was decided or cancelled meanwhile (nothing written). */
export async function updateBookedVideoAppointment(
  trx: Db,
  id: string,
  set: Updateable<VideoAppointmentsTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable("video_appointments")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", "booked")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
