import { findSubjectMessageStates } from "../outbox/index.js";
import type { Db } from "../platform/db/database.js";
import type { NotificationEvent } from "./notification-events.js";
import { listMatterNotifications } from "./notifications.repo.js";
import type { NotificationChannel } from "./notifications.table.js";
import { NOTIFICATION_MAIL_KIND } from "./sweep-notifications.js";

/** Where a notification honestly stands: never "sent" unless a mail server or LINE took it. */
export type DeliveryStatus =
  | "queued"
  | "pending"
  | "sent"
  | "bounced"
  | "failed"
  | "uncertain"
  | "not_configured"
  | "no-channel";

export interface NotificationView {
  id: string;
  matterActionId: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  status: DeliveryStatus;
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
  text: string;
}

/**
 * A matter's notifications with their delivery status (TR-2): an email's is its outbox message's (a
 * bounce recorded later turns "sent" into "bounced"); a LINE push's is what LINE answered.
 */
export async function listNotifications(db: Db, matterId: string): Promise<NotificationView[]> {
  const rows = await listMatterNotifications(db, matterId);
  const mails = await findSubjectMessageStates(
    db,
    rows.filter((r) => r.channel === "email").map((r) => `notify:${r.id}`),
    NOTIFICATION_MAIL_KIND,
  );
  return rows.map((r) => {
    let status: DeliveryStatus = r.status === "queued" ? "queued" : r.status;
    let sentAt = r.sent_at;
    let error = r.error;
    const mail = r.channel === "email" ? mails.get(`notify:${r.id}`) : undefined;
    if (mail) {
      sentAt = mail.sentAt;
      error = mail.error;
      // A bounce reported after the send says more than the send itself.
      status = mail.bouncedAt
        ? "bounced"
        : mail.status === "pending" || mail.status === "sending"
          ? "queued"
          : mail.status;
    }
    return {
      id: r.id,
      matterActionId: r.matter_action_id,
      event: r.event as NotificationEvent,
      channel: r.channel,
      status,
      createdAt: new Date(r.created_at),
      sentAt: sentAt ? new Date(sentAt) : null,
      error,
      text: r.text,
    };
  });
}
