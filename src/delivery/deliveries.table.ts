export type DeliveryChannel = "email" | "line" | "download";
export type DeliveryStatus = "queued" | "sent" | "bounced" | "failed" | "downloaded" | "not_configured";
/** DL-1: why a delivery went on its channel. */
export type ChannelChoice = "announced" | "asked" | "entry" | "officer";

/** #15 delivery (DL-1..4): one licence edition delivered on one channel (migration 20261211400000). */
export interface LicenceDeliveriesTable {
  id: string;
  agency_id: string;
  licence_id: string;
  matter_id: string;
  entry_id: string;
  attempt: number;
  channel: DeliveryChannel;
  chosen_by: ChannelChoice;
  recipient: string | null;
  status: DeliveryStatus;
  protected: number;
  password_channel: "email" | "sms" | "line" | "none" | null;
  password_status: "queued" | "sent" | "not_configured" | "failed" | "none" | null;
  linked: number;
  link_expires_at: string | null;
  file_key: string | null;
  file_name: string;
  outbox_key: string | null;
  error: string | null;
  requested_by: string;
  created_at: string;
  sent_at: string | null;
  bounced_at: string | null;
  downloaded_at: string | null;
  updated_at: string;
}
