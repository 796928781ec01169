import { findApplicationOfMatter } from "../forms/index.js";
import type { Db } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { type Entry, findLineRecipient } from "../register/index.js";
import type { ChannelChoice, DeliveryChannel } from "./deliveries.table.js";

/** Where a licence goes: the channel, to whom (null for a download), and why this one (DL-1). */
export interface ChosenChannel {
  channel: DeliveryChannel;
  recipient: string | null;
  chosenBy: ChannelChoice;
}

/** The applicant's ways to be reached, as the register knows them. */
export interface ApplicantReach {
  email: string | null;
  lineUserId: string | null;
  phone: string | null;
}

export async function applicantReach(db: Db, entry: Entry): Promise<ApplicantReach> {
  const address = entry.replyTo ?? entry.senderEmail;
  // CH-4: an address the register has not confirmed (acknowledgement withheld) is not written to.
  const email = address && isValidEmailAddress(address) && !entry.ackWithheld ? address : null;
  const line = await findLineRecipient(db, entry.agencyId, entry.id);
  return { email, lineUserId: line?.lineUserId ?? null, phone: entry.senderPhone };
}

function usable(channel: DeliveryChannel, reach: ApplicantReach): string | null | undefined {
  if (channel === "email") return reach.email ?? undefined;
  if (channel === "line") return reach.lineUserId ?? undefined;
  return null;
}

/**
 * DL-1: the channel the applicant asked for in the form (an answer `deliveryChannel`), when they can be
 * reached on it; else the channel the application came by (email → email, LINE → LINE, web → email when
 * they gave one, paper → download). The agency's own announced channel is not a setting yet: the tracking
 * page's download is always there besides.
 */
export async function chooseChannel(db: Db, entry: Entry): Promise<ChosenChannel> {
  const reach = await applicantReach(db, entry);
  const application = await findApplicationOfMatter(db, entry.matterId);
  const answers = application ? (JSON.parse(application.form_data) as Record<string, unknown>) : {};
  const asked = answers.deliveryChannel;
  if (asked === "email" || asked === "line" || asked === "download") {
    const recipient = usable(asked, reach);
    if (recipient !== undefined) return { channel: asked, recipient, chosenBy: "asked" };
  }
  const byEntry: DeliveryChannel =
    entry.channel === "line" ? "line" : entry.channel === "paper" ? "download" : "email";
  const recipient = usable(byEntry, reach);
  if (recipient !== undefined) return { channel: byEntry, recipient, chosenBy: "entry" };
  if (reach.email) return { channel: "email", recipient: reach.email, chosenBy: "entry" };
  return { channel: "download", recipient: null, chosenBy: "entry" };
}
