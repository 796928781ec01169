import { asBuffer, type ThreadPool, threadTask } from "../../platform/threads/index.js";
import type { IncomingMail } from "./parse-mail.js";
import type { parseMailTask } from "./parse-mail.task.js";

const PARSE_MAIL = threadTask<typeof parseMailTask>(
  new URL("./parse-mail.task.ts", import.meta.url).href,
  "parseMailTask",
);

/**
 * parseMail on the pool (inline when it has no threads). What comes back from a thread is a structured
 * clone, whose Buffers are plain Uint8Arrays: the files are made Buffers again, without a copy, so that
 * the rest of the intake sees exactly what the inline parse gives.
 */
export async function parseMailOn(pool: ThreadPool, raw: Buffer): Promise<IncomingMail> {
  const mail = await pool.run(PARSE_MAIL, raw);
  if (pool.threads === 0) return mail;
  return {
    ...mail,
    attachments: mail.attachments.map((file) => ({
      ...file,
      content: asBuffer(file.content),
    })),
  };
}
