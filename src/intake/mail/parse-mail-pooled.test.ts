import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loopLagDuring } from "../../../test/loop-lag.js";
import { createThreadPool } from "../../platform/threads/index.js";
import { parseMail } from "./parse-mail.js";
import { parseMailOn } from "./parse-mail-pooled.js";

const CORPUS = path.resolve(import.meta.dirname, "../../../test/fixtures/mail");
const corpus = fs
  .readdirSync(CORPUS)
  .filter((name) => name.endsWith(".eml"))
  .sort()
  .map((name) => ({ name, raw: fs.readFileSync(path.join(CORPUS, name)) }));

describe("mail parsed in the thread pool", () => {
  const pool = createThreadPool(1);
  afterAll(() => pool.close());

  it("gives what the inline parse gives, for every mail of the corpus (files as Buffers)", async () => {
    expect(corpus.length).toBeGreaterThan(50);
    const pooled = await Promise.all(corpus.map((mail) => parseMailOn(pool, mail.raw)));
    for (const [i, mail] of corpus.entries()) {
      const inline = await parseMail(mail.raw);
      expect(pooled[i], mail.name).toEqual(inline);
      for (const file of pooled[i]!.attachments) expect(Buffer.isBuffer(file.content)).toBe(true);
    }
  }, 120_000);

  it("gives the inline result for mail that is not MIME at all (its holding path unchanged)", async () => {
    const garbage = [
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a, 0x80]),
      Buffer.from(
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@",
      ),
      Buffer.alloc(0),
    ];
    for (const raw of garbage) expect(await parseMailOn(pool, raw)).toEqual(await parseMail(raw));
  });

  it("keeps the event loop responsive while 10 big mails parse (1.7 MB each)", async () => {
    const big = corpus.find((mail) => mail.name === "20-large-attachment.eml")!.raw;
    // The thread started and its modules loaded first: not what is measured.
    const files = (await parseMailOn(pool, big)).attachments.length;
    const {
      result: mails,
      took,
      worstLag,
    } = await loopLagDuring(() => Promise.all(Array.from({ length: 10 }, () => parseMailOn(pool, big))));
    expect(mails.every((mail) => mail.attachments.length === files && files > 0)).toBe(true);
    // The parse took far longer than any one stall of the timer: the loop was free while it ran.
    expect(worstLag).toBeLessThan(Math.max(150, took / 10));
    console.log(
      `10 parses of ${big.byteLength} bytes: ${took.toFixed(0)} ms; worst timer lag ${worstLag.toFixed(1)} ms`,
    );
  });
});
