import { asBuffer } from "../../platform/threads/index.js";
import { type IncomingMail, parseMail } from "./parse-mail.js";

/**
 * parseMail in a pool thread (mailparser, charset repair, TNEF and uuencode unpacking are CPU work that
 * would otherwise hold the event loop). The raw message arrives as a copy: the caller still stores it.
 */
export async function parseMailTask(raw: Uint8Array): Promise<IncomingMail> {
  return parseMail(asBuffer(raw));
}
