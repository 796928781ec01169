import { type Agency, contactPhone, listReferralAgencies } from "../agencies/index.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { OutgoingMail } from "../platform/mail/transport.js";
import { entryAndAgency, joinLanguages, languagesFor, mailAboutEntry } from "./acknowledgement.js";
import { acting, type OfficerContext } from "./officer-actions.js";
import type { QueueMessage } from "./queue-message.js";
import { recordAction } from "./record-action.js";

/**
 * CH-8: an officer marks an entry as outside the agency's authority, naming the right agency from the
 * admin's list (or none). The sender is told so in Thai and English, on the channel it came by: the
 * reply is queued in the same transaction. Throws VALIDATION_FAILED for an unknown referral,
 * ENTRY_ALREADY_MISDIRECTED when it was marked before.
 */
export async function markMisdirected(
  handle: DatabaseHandle,
  agency: Agency,
  entryId: string,
  input: { referralId?: string; note?: string },
  ctx: OfficerContext,
  queue: QueueMessage,
): Promise<void> {
  const note = input.note?.trim().slice(0, 1000) || null;
  await withTransaction(handle, async (trx) => {
    const { entry } = await recordAction(trx, {
      ...acting(agency.id, entryId, ctx),
      action: "misdirected",
      payload: { referralId: input.referralId ?? null, note },
    });
    const recipient = entry.replyTo ?? entry.senderEmail;
    // CH-4: never to an address that is not valid (one stored before addresses were checked).
    if (recipient && isValidEmailAddress(recipient)) {
      const at = ctx.clock.now().toISOString();
      await queue(
        trx,
        { agencyId: agency.id, entryId, kind: "misdirected", channel: "email", recipient },
        at,
      );
    }
  });
}

/** CH-8: the reply to a misdirected request, composed when the outbox sends it. */
export async function misdirectedMail(
  db: Db,
  entryId: string,
  recipient: string,
  links: { secret: string },
): Promise<OutgoingMail> {
  const { entry, agency } = await entryAndAgency(db, entryId);
  const referral = entry.referredAgencyId
    ? (await listReferralAgencies(db, agency.id)).find((r) => r.id === entry.referredAgencyId)
    : undefined;
  const order = languagesFor(entry);
  const part = (lang: Lang) => {
    const values = {
      name: entry.senderName,
      agency: lang === "th" ? agency.nameTh : agency.nameEn,
      subject: entry.subject,
      receiptNumber: entry.receiptNumber,
      phone: contactPhone(agency),
    };
    const where = referral
      ? t(lang, "misdirected.referral", {
          referral: lang === "th" ? referral.nameTh : referral.nameEn,
          contact: referral.contact,
        })
      : t(lang, "misdirected.noReferral");
    const note = entry.misdirectedNote ? `\n\n${entry.misdirectedNote}` : "";
    return `${t(lang, "misdirected.body", values)}\n\n${where}${note}`;
  };
  return mailAboutEntry(agency, entry, {
    kind: "misdirected",
    recipient,
    subject: order
      .map((lang) => t(lang, "misdirected.subject", { receiptNumber: entry.receiptNumber }))
      .join(" / "),
    text: joinLanguages(order.map(part)),
    secret: links.secret,
  });
}
