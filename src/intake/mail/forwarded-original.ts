import type { Agency } from "../../agencies/index.js";
import { zonedFields } from "../../calendar/index.js";
import { isAgencyAddress } from "./classify-mail.js";
import { findInlineForward, stripSubjectPrefixes } from "./forwarded.js";
import { type IncomingMail, parseMail } from "./parse-mail.js";
import { parseWrittenDate } from "./written-date.js";

/** The message an officer forwarded, and the time it was written (CH-9). */
export interface Original {
  mail: Pick<IncomingMail, "from" | "replyTo" | "subject" | "text" | "attachments" | "messageId">;
  at: Date | undefined;
  zoneAssumed: boolean;
}

/**
 * CH-9: a mail from an officer of the agency that carries a forwarded message — attached, or inline as
 * the common clients write it — stands for that original message.
 */
export async function forwardedOriginal(mail: IncomingMail, agency: Agency): Promise<Original | undefined> {
  const from = mail.from?.address;
  if (!from || !isAgencyAddress(from, agency.domain) || from === agency.centralEmail.toLowerCase()) {
    return undefined;
  }
  const attached = mail.attachments.find((a) => a.contentType === "message/rfc822");
  if (attached) {
    const inner = await parseMail(attached.content);
    if (inner.from) return { mail: inner, at: inner.date, zoneAssumed: false };
  }
  const inline = findInlineForward(mail.text);
  if (!inline) return undefined;
  const offset = zonedFields(mail.date ?? new Date(), agency.timeZone).offsetMinutes;
  const written = inline.date ? parseWrittenDate(inline.date, offset) : undefined;
  return {
    mail: {
      from: { name: inline.fromName, address: inline.fromAddress },
      replyTo: undefined,
      subject: stripSubjectPrefixes(inline.subject || mail.subject),
      text: inline.body,
      attachments: mail.attachments,
      messageId: undefined,
    },
    at: written?.at,
    zoneAssumed: written?.zoneAssumed ?? false,
  };
}
