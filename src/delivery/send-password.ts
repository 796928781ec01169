import { pushLineText } from "../intake/line/index.js";
import { newId } from "../platform/ids.js";
import type { ApplicantReach } from "./choose-channel.js";
import { type DeliveryRow, updateDelivery } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";

/**
 * DL-3: a protected file's password by SMS or LINE, never in the file's own message. Its outcome is
 * recorded on the delivery (sent, not configured, failed); the password itself is kept nowhere.
 */
export async function sendPassword(
  deps: DeliveryDeps,
  row: DeliveryRow,
  reach: ApplicantReach,
  text: string,
  now: Date,
): Promise<void> {
  let status: DeliveryRow["password_status"] = "failed";
  try {
    if (row.password_channel === "sms" && deps.sms && reach.phone) {
      status = (await deps.sms.send(reach.phone, text)).accepted ? "sent" : "failed";
    } else if (row.password_channel === "line" && reach.lineUserId) {
      // Its own retry key: LINE would take the file's key as the same message.
      status = await pushLineText(
        { db: deps.handle.db, env: deps.env },
        row.agency_id,
        reach.lineUserId,
        text,
        newId(),
      );
    }
  } catch (error) {
    deps.log(`delivery ${row.id}: password not sent: ${String(error)}`);
  }
  row.password_status = status;
  await updateDelivery(deps.handle.db, row.id, { password_status: status, updated_at: now.toISOString() });
}
