import { type Agency, contactPhone, findAgency } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { OutgoingMail } from "../platform/mail/transport.js";
import { findEntry } from "./entries.repo.js";
import type { Entry } from "./entry.js";
import { trackingUrl } from "./tracking-token.js";

const fillPlaceholders = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** Placeholders an agency's own acknowledgement text may use; {receiptNumber} and {phone} are required (CH-4). */
export const ACKNOWLEDGEMENT_PLACEHOLDERS = [
  "name",
  "agency",
  "subject",
  "receivedAt",
  "workingStart",
  "receiptNumber",
  "trackingUrl",
  "phone",
];

/**
 * CH-4: the acknowledgement says the item was received, with its receipt number and the agency's phone,
 * in Thai and English (Thai first, or English first when the sender wrote in English).
 */
export function composeAcknowledgement(
  agency: Agency,
  entry: Entry,
  trackingUrl: string,
): { subject: string; text: string } {
  const order: Lang[] = entry.language === "en" ? ["en", "th"] : ["th", "en"];
  const part = (lang: Lang) => {
    const values = {
      name: entry.senderName,
      agency: lang === "th" ? agency.nameTh : agency.nameEn,
      subject: entry.subject,
      receivedAt: formatDateTime(lang, entry.receivedAt, agency.timeZone),
      workingStart: formatDateTime(lang, entry.workingStart, agency.timeZone),
      receiptNumber: entry.receiptNumber,
      trackingUrl,
      phone: contactPhone(agency),
    };
    const own = agency.acknowledgementText[lang];
    // The agency's own wording (admin pages) takes the same placeholders as the default text.
    return own ? fillPlaceholders(own, values) : t(lang, "ack.body", values);
  };
  return {
    subject: order.map((lang) => t(lang, "ack.subject", { receiptNumber: entry.receiptNumber })).join(" / "),
    text: order.map(part).join("\n\n----------\n\n"),
  };
}

/** The acknowledgement email of an entry as it stands now, ready for the outbox worker to send (CH-4). */
export async function acknowledgementMail(
  db: Db,
  entryId: string,
  recipient: string,
  links: { secret: string; publicUrl: string },
): Promise<OutgoingMail> {
  const entry = await findEntry(db, entryId);
  const agency = entry && (await findAgency(db, entry.agencyId));
  if (!entry || !agency) throw new Error(`entry ${entryId} or its agency is gone`);
  const { subject, text } = composeAcknowledgement(agency, entry, trackingUrl(links, agency.id, entry));
  return {
    from: `"${agency.nameTh} (${agency.nameEn})" <${agency.centralEmail}>`,
    to: recipient,
    subject,
    text,
    // Stable per entry: should a crash make the worker send twice, mail clients see one message.
    messageId: `<ack.${entry.id}@${agency.domain}>`,
  };
}
