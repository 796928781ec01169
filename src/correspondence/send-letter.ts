import type { Agency } from "../agencies/index.js";
import { recordAudit } from "../audit/index.js";
import { enqueueMessage } from "../outbox/index.js";
import { type DatabaseHandle, withTransaction } from "../platform/db/database.js";
import { isValidEmailAddress } from "../platform/email-address.js";
import { AppError } from "../platform/errors.js";
import type { OutgoingLetterRow } from "./correspondence.table.js";
import { sendableByEmail } from "./issue-letter.js";
import { thaiLetterDate } from "./letter-labels.js";
import { letterPdf } from "./letter-pdf.js";

/** The outbox's subject of a letter's emails: one per letter and recipient (a double click sends one). */
export const letterSubjectKey = (letterId: string, recipient = "") =>
  `letter:${letterId}:${recipient.toLowerCase()}`;

/**
 * ES-1: sends a letter by email (the Saraban regulation allows electronic letters): an outbox message
 * from the agency's central address, the letter's text and its PDF attached, written with an audit row.
 * Throws LETTER_TOP_SECRET_NOT_BY_EMAIL (ลับที่สุด never goes by email), RECIPIENT_INVALID.
 */
export async function sendLetter(
  handle: DatabaseHandle,
  agency: Agency,
  letter: OutgoingLetterRow,
  recipient: string,
  ctx: { actor: string; at: Date; ip?: string },
): Promise<void> {
  if (!sendableByEmail(letter)) throw new AppError("LETTER_TOP_SECRET_NOT_BY_EMAIL");
  const to = recipient.trim();
  if (!isValidEmailAddress(to)) throw new AppError("RECIPIENT_INVALID");
  const pdf = await letterPdf(letter, agency);
  const text = [
    `ที่ ${letter.number}`,
    `วันที่ ${thaiLetterDate(letter.letter_date)}`,
    `เรื่อง ${letter.subject}`,
    letter.salutation,
    "",
    letter.body,
    "",
    letter.closing,
    `(${letter.signer_name})`,
    letter.signer_position,
    "",
    `หนังสือฉบับนี้แนบมาเป็นไฟล์ PDF / The letter is attached as a PDF.`,
  ].join("\n");
  const at = ctx.at.toISOString();
  await withTransaction(handle, async (trx) => {
    await enqueueMessage(
      trx,
      {
        agencyId: agency.id,
        entryId: null,
        subjectKey: letterSubjectKey(letter.id, to),
        kind: "letter",
        channel: "email",
        recipient: to,
        mail: {
          subject: `${letter.number} เรื่อง ${letter.subject}`,
          text,
          attachments: [
            {
              filename: `letter-${letter.be_year}-${letter.sequence}.pdf`,
              contentType: "application/pdf",
              content: pdf.toString("base64"),
              encoding: "base64",
            },
          ],
        },
      },
      at,
    );
    await recordAudit(trx, {
      agencyId: agency.id,
      actor: ctx.actor,
      action: "letter.send",
      subjectType: "letter",
      subjectId: letter.id,
      data: { number: letter.number, channel: "email" },
      ip: ctx.ip,
      at,
    });
  });
}
