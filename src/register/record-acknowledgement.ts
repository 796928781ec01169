import { fromLocal, isValidDate } from "../calendar/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { OTHER_ACKNOWLEDGEMENT_WAYS, type OtherAcknowledgementWay } from "./acknowledgement-state.js";
import { acting, type OfficerContext } from "./officer-actions.js";
import { recordAction } from "./record-action.js";

export interface OtherAcknowledgement {
  /** How it was given: `phone`, `paper` or `in-person`. */
  way: string;
  /** When, as the officer gives it in the agency's local time: `YYYY-MM-DDTHH:MM` (a datetime-local field). */
  atLocal: string;
  /** Whom they spoke to, the number called, how the letter went. */
  note?: string;
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * CH-4: the deadline runs even when nothing could be sent (no mail server, no LINE token): an officer
 * records an acknowledgement given another way, with who (the officer), when and how. The entry then
 * counts as acknowledged at that time, on the register and at its checks (CH-5). Audited as
 * `entry.acknowledge-other-way`.
 * Throws VALIDATION_FAILED (way, time or note malformed), ACKNOWLEDGEMENT_TIME_INVALID (in the future or
 * before the entry was received), ENTRY_ALREADY_ACKNOWLEDGED, ENTRY_CANCELLED, ENTRY_NOT_FOUND.
 */
export async function recordAcknowledgement(
  handle: DatabaseHandle,
  agency: { id: string; timeZone: string },
  entryId: string,
  input: OtherAcknowledgement,
  ctx: OfficerContext,
): Promise<void> {
  if (!OTHER_ACKNOWLEDGEMENT_WAYS.includes(input.way as OtherAcknowledgementWay))
    throw new AppError("VALIDATION_FAILED", { detail: "way" }, { field: "way" });
  // Plain data from a form or elsewhere: anything but text is refused, never trusted to be text.
  if (typeof input.atLocal !== "string" || (input.note !== undefined && typeof input.note !== "string"))
    throw new AppError("VALIDATION_FAILED", { detail: "at" }, { field: "at" });
  const match = LOCAL_TIME.exec(input.atLocal.trim());
  if (!match) throw new AppError("VALIDATION_FAILED", { detail: "at" }, { field: "at" });
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (!isValidDate(match[1]!) || hours > 23 || minutes > 59)
    throw new AppError("VALIDATION_FAILED", { detail: "at" }, { field: "at" });
  const at = fromLocal(match[1]!, hours * 60 + minutes, agency.timeZone);
  const note = input.note?.trim() || null;
  if (note && note.length > 1000)
    throw new AppError("VALIDATION_FAILED", { detail: "note" }, { field: "note" });

  await recordAction(handle, {
    ...acting(agency.id, entryId, ctx),
    action: "acknowledge-other-way",
    payload: { way: input.way as OtherAcknowledgementWay, at, note },
  });
}
