import { type Agency, contactPhone, findAgency } from "../agencies/index.js";
import type { Db } from "../platform/db/database.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import type { OutgoingMail } from "../platform/mail/transport.js";
import { findEntry, listAttachments } from "./entries.repo.js";
import type { AttachmentRecord, Entry } from "./entry.js";
import { threadMessageId, trackingUrl } from "./tracking-token.js";

const stripReplyPrefix = (subject: string) => subject.replace(/^\s*(re|ตอบกลับ)\s*:\s*/i, "");

/** Thai first, or English first when the sender wrote in English. */
export const languagesFor = (entry: Pick<Entry, "language">): Lang[] =>
  entry.language === "en" ? ["en", "th"] : ["th", "en"];

/** The two languages' texts of one message, one after the other. */
export const joinLanguages = (parts: string[]) => parts.join("\n\n----------\n\n");

/** An entry and its agency, as they stand when the outbox composes a message about the entry. */
export async function entryAndAgency(db: Db, entryId: string): Promise<{ entry: Entry; agency: Agency }> {
  const entry = await findEntry(db, entryId);
  const agency = entry && (await findAgency(db, entry.agencyId));
  if (!entry || !agency) throw new Error(`entry ${entryId} or its agency is gone`);
  return { entry, agency };
}

/**
 * A mail about an entry, from the agency's central address, answering in the entry's thread. Its
 * Message-ID is stable per entry and kind (a resend shows as one message) and carries the thread token
 * that lets a reply join the matter.
 */
export function mailAboutEntry(
  agency: Agency,
  entry: Entry,
  message: { kind: string; recipient: string; subject: string; text: string; secret: string },
): OutgoingMail {
  return {
    from: `"${agency.nameTh} (${agency.nameEn})" <${agency.centralEmail}>`,
    to: message.recipient,
    subject: message.subject,
    text: message.text,
    messageId: threadMessageId(message.secret, message.kind, entry.id, agency.domain),
    ...inThreadOf(entry),
  };
}

/** CH-4: the headers that put an answer in the thread of the mail an entry came as. */
export function inThreadOf(entry: Entry): { inReplyTo?: string; references?: string[] } {
  if (!entry.sourceMessageId) return {};
  return {
    inReplyTo: entry.sourceMessageId,
    references: [...entry.sourceReferences, entry.sourceMessageId].slice(-20),
  };
}

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
  attachments: AttachmentRecord[] = [],
  maxFileBytes = 10 * 1024 * 1024,
): { subject: string; text: string } {
  const order = languagesFor(entry);
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
    const body = own ? fillPlaceholders(own, values) : t(lang, "ack.body", values);
    return [body, ...notes(lang)].join("\n\n");
  };
  const notes = (lang: Lang) => {
    const out: string[] = [];
    // A refused file is reported back to the sender with the reason (FM-3), never silently dropped.
    const refused = attachments.filter((a) => a.refusalCode);
    if (refused.length > 0) {
      const lines = refused.map(
        (a) =>
          `- ${a.filename}: ${t(lang, `refusal.${a.refusalCode}` as MessageKey, { maxMb: Math.round(maxFileBytes / 1048576) })}`,
      );
      out.push(`${t(lang, "ack.refusedFiles")}\n${lines.join("\n")}`);
    }
    // CH-9: it reached an officer's own mailbox; tell the sender the central address.
    if (entry.forwardedBy) out.push(t(lang, "ack.useCentralAddress", { centralEmail: agency.centralEmail }));
    return out;
  };
  const subjects = order.map((lang) => t(lang, "ack.subject", { receiptNumber: entry.receiptNumber }));
  return {
    // A mail is answered in its thread: "Re:" and its subject first, so clients file the answer with it.
    subject:
      entry.channel === "email"
        ? `Re: ${stripReplyPrefix(entry.subject)} [${subjects.join(" / ")}]`
        : subjects.join(" / "),
    text: joinLanguages(order.map(part)),
  };
}

/** The acknowledgement email of an entry as it stands now, ready for the outbox worker to send (CH-4). */
export async function acknowledgementMail(
  db: Db,
  entryId: string,
  recipient: string,
  links: { secret: string; publicUrl: string; maxFileBytes?: number },
): Promise<OutgoingMail> {
  const { entry, agency } = await entryAndAgency(db, entryId);
  const attachments = await listAttachments(db, entry.id);
  const { subject, text } = composeAcknowledgement(
    agency,
    entry,
    trackingUrl(links, agency.id, entry),
    attachments,
    links.maxFileBytes,
  );
  return mailAboutEntry(agency, entry, { kind: "ack", recipient, subject, text, secret: links.secret });
}
