import type { HeaderLine } from "./classify-mail.js";
import { htmlToText } from "./mail-body-text.js";
import { decodeHeaderText } from "./mail-header-text.js";
import type { MimeLeaf } from "./mime-scan.js";
import { decodeTnef, TNEF_SIGNATURE } from "./tnef.js";
import { extractUuencoded } from "./uuencode.js";

/** A forwarded mail inside a mail inside a mail… is opened this many levels deep, and no deeper. */
export const MAX_MAIL_DEPTH = 3;

/** A file of a mail; `refusal` when it arrived cut off or could not be unpacked. */
export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
  refusal?: "FILE_CUT_OFF" | "FILE_UNPACK_FAILED";
}

/** What of a parsed mail (parse-mail.ts's IncomingMail) unpacking reads and rewrites. */
interface UnpackableMail {
  subject: string;
  text: string;
  html: string | undefined;
  headers: HeaderLine[];
  attachments: MailFile[];
  parseError: string | undefined;
}

type ParseInner = (raw: Buffer, depth: number) => Promise<{ attachments: MailFile[] }>;

/**
 * No attachment lost: files that mailparser hands over whole but that hold other files — Outlook's TNEF
 * (`winmail.dat`), a forwarded message (`message/rfc822`), uuencoded blocks in the body — are opened, and
 * what they hold is listed beside them to be screened like any other file (FM-3). What cannot be opened,
 * or arrived cut off by broken MIME, is listed as refused with the reason; the raw message, kept whole,
 * still holds its bytes (RG-4). Also gives HTML-only and TNEF-only mail its body text, and reads a
 * subject sent as raw 8-bit bytes or in HZ.
 */
export async function unpackMail<M extends UnpackableMail>(
  mail: M,
  leaves: MimeLeaf[],
  depth: number,
  parseInner: ParseInner,
): Promise<M> {
  const problems: string[] = [];
  let text = mail.text;
  if (!text && mail.html) text = htmlToText(mail.html);

  const files: MailFile[] = [];
  const unmatched = leaves.filter((l) => l.isAttachment && (l.cutOff || l.badBase64));
  for (const leaf of leaves) {
    if (!leaf.isAttachment && (leaf.cutOff || leaf.badBase64)) problems.push("body text cut off");
  }
  for (const file of mail.attachments) {
    // A part cut off by broken MIME is listed, never stored as if it were complete.
    const cut = unmatched.findIndex(
      (l) =>
        l.filename === file.filename ||
        (l.filename === undefined && /^(attachment-\d+|message\.eml)$/.test(file.filename)),
    );
    if (cut >= 0) {
      unmatched.splice(cut, 1);
      problems.push(`part cut off: ${file.filename}`);
      files.push({ ...file, refusal: "FILE_CUT_OFF" });
      continue;
    }
    if (isTnef(file)) {
      try {
        const tnef = decodeTnef(file.content);
        if (!text && tnef.body) text = tnef.body.replace(/\r\n/g, "\n").trim();
        for (const inner of tnef.files) {
          files.push({
            filename: inner.filename,
            contentType: inner.mimeTag ?? "application/octet-stream",
            content: Buffer.from(inner.content),
            ...(inner.damaged ? { refusal: "FILE_CUT_OFF" as const } : {}),
          });
        }
      } catch (error) {
        problems.push(`${file.filename}: ${(error as Error).message}`);
        files.push({ ...file, refusal: "FILE_UNPACK_FAILED" });
      }
      continue;
    }
    files.push(file);
    if (file.contentType === "message/rfc822" && depth < MAX_MAIL_DEPTH) {
      // The forwarded mail is kept as it is, and its own files are listed after it.
      const inner = await parseInner(file.content, depth + 1);
      files.push(...inner.attachments);
    }
  }

  const uu = extractUuencoded(text);
  for (const block of uu.files) {
    const refusal =
      block.problem === "cut-off"
        ? "FILE_CUT_OFF"
        : block.problem === "malformed"
          ? "FILE_UNPACK_FAILED"
          : undefined;
    if (refusal) problems.push(`uuencoded ${block.filename}: ${block.problem}`);
    files.push({
      filename: block.filename,
      contentType: "application/octet-stream",
      content: block.content,
      ...(refusal ? { refusal } : {}),
    });
  }

  const parseError = [mail.parseError, ...problems].filter(Boolean).join("; ") || undefined;
  return {
    ...mail,
    subject: subjectOf(mail),
    text: uu.files.length > 0 ? uu.text.trim() : text,
    attachments: files,
    parseError,
  };
}

const isTnef = (file: MailFile) =>
  /^application\/(vnd\.)?ms-tnef$/i.test(file.contentType) ||
  /^winmail\.dat$/i.test(file.filename) ||
  (file.content.length >= 4 && file.content.readUInt32LE(0) === TNEF_SIGNATURE);

/** The subject as sent when mailparser could not read it: raw 8-bit bytes with no label, or HZ. */
function subjectOf(mail: UnpackableMail): string {
  const raw = mail.headers.find((h) => h.key === "subject")?.value;
  if (raw === undefined || !/[\x80-\xff]|=\?hz/i.test(raw)) return mail.subject;
  return decodeHeaderText(raw);
}
