import { findSubjectMessageStates } from "../outbox/index.js";
import type { DeliveryRow } from "./deliveries.repo.js";
import { listOpenDeliveries, updateDelivery } from "./deliveries.repo.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { deliveryKey, LICENCE_MAIL_KIND, LICENCE_PASSWORD_KIND } from "./delivery-messages.js";
import { markMatterDelivered } from "./mark-matter-delivered.js";

/** A bounce report may come back days after the mail went; after this, a sent delivery is left as sent. */
const BOUNCE_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * DL-4: email deliveries take their state from the outbox: sent when it sent the message, bounced from
 * its bounce record, failed or not configured as it says; a password message's state likewise. A
 * delivery newly sent moves its matter to delivered. Returns how many deliveries changed.
 */
export async function refreshDeliveryStatus(deps: DeliveryDeps, now: Date, limit = 200): Promise<number> {
  const db = deps.handle.db;
  const since = new Date(now.getTime() - BOUNCE_WINDOW_MS).toISOString();
  const open = await listOpenDeliveries(db, since, limit);
  const keys = open.map((d) => deliveryKey(d.id));
  const files = await findSubjectMessageStates(db, keys, LICENCE_MAIL_KIND);
  const passwords = await findSubjectMessageStates(db, keys, LICENCE_PASSWORD_KIND);
  let changed = 0;
  for (const d of open) {
    const file = d.channel === "email" ? files.get(deliveryKey(d.id)) : undefined;
    const pass = d.password_channel === "email" ? passwords.get(deliveryKey(d.id)) : undefined;
    const status: DeliveryRow["status"] = !file
      ? d.status
      : file.bouncedAt
        ? "bounced"
        : file.status === "sent"
          ? "sent"
          : file.status === "failed"
            ? "failed"
            : file.status === "not_configured"
              ? "not_configured"
              : "queued";
    const passwordStatus: DeliveryRow["password_status"] = !pass
      ? d.password_status
      : pass.status === "sent"
        ? "sent"
        : pass.status === "failed"
          ? "failed"
          : pass.status === "not_configured"
            ? "not_configured"
            : "queued";
    if (status === d.status && passwordStatus === d.password_status) continue;
    await updateDelivery(db, d.id, {
      status,
      password_status: passwordStatus,
      sent_at: file?.sentAt ?? d.sent_at,
      bounced_at: file?.bouncedAt ?? null,
      error: status === "failed" || status === "bounced" ? (file?.error ?? null) : null,
      updated_at: now.toISOString(),
    });
    changed++;
    if (status === "sent" && d.status !== "sent") await markMatterDelivered(deps.handle, d, now);
  }
  return changed;
}
