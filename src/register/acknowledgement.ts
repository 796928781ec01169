import { type Agency, contactPhone } from "../agencies/index.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { Entry } from "./entry.js";

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
  const part = (lang: Lang) =>
    t(lang, "ack.body", {
      name: entry.senderName,
      agency: lang === "th" ? agency.nameTh : agency.nameEn,
      subject: entry.subject,
      receivedAt: formatDateTime(lang, entry.receivedAt, agency.timeZone),
      workingStart: formatDateTime(lang, entry.workingStart, agency.timeZone),
      receiptNumber: entry.receiptNumber,
      trackingUrl,
      phone: contactPhone(agency),
    });
  return {
    subject: order.map((lang) => t(lang, "ack.subject", { receiptNumber: entry.receiptNumber })).join(" / "),
    text: order.map(part).join("\n\n----------\n\n"),
  };
}
