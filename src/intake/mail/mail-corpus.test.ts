import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV } from "../../../test/mail.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";

const CORPUS = path.resolve(import.meta.dirname, "../../../test/fixtures/mail");

interface Expectation {
  outcome: "registered" | "held" | "auto-reply" | "bounce" | "possible-duplicate";
  heldReason?: string;
  acknowledged?: boolean;
  noAckReason?: string;
  ackTo?: string;
  senderEmail?: string | null;
  senderName?: string;
  subject?: string;
  bodyIncludes?: string[];
  signature?: string | null;
  language?: "th" | "en";
  files?: { filename: string; refusal: string | null }[];
  receivedAt?: string;
  receivedAtClaimed?: boolean;
  forwardedBy?: string;
  senderDate?: string;
  bounceOf?: string;
  letterReference?: string;
  letterDate?: string | null;
  /** #10 RG-4: the earlier corpus file whose Message-ID and sender this one repeats with other bytes. */
  duplicateOf?: string;
  // #10 mail signs and addresses
  /** The rule of automatic-mail.ts that recognised an automatic reply (its row's reason). */
  autoSign?: string;
  /** The entry's withheld-acknowledgement flag (null: none). */
  flagged?: string | null;
  /** The From header as received, kept on the mail row. */
  rawFrom?: string;
  /** #10 mail parts: what the mail's record notes (a part cut off, a container not unpacked). */
  reasonIncludes?: string[];
}

interface Case {
  file: string;
  about: string;
  folder: "INBOX" | "Junk" | "Archive";
  internalDate: string;
  expect: Expectation;
}

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, "manifest.json"), "utf8")) as Case[];

/**
 * One table test over the whole corpus (test/fixtures/mail): every message is delivered to the real
 * mailbox folder it belongs in with its server receipt time, one intake pass runs, and each message's
 * fate is compared with the manifest. Requirements: CH-3, CH-4, CH-6, CH-7, CH-9, RG-1, RG-4, FM-3, FM-6.
 */
describe.each(testDialects())("mail corpus on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let service: TestService;
  const bySha = new Map<string, Case>();

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    await mailbox.createFolder("Archive");
    service = await startTestService(dialect, {
      clock: fixedClock("2026-11-22T03:00:00.000Z"),
      env: { [MAILBOX_SECRET_ENV]: mailbox.password, UPLOAD_MAX_FILE_MB: "1" },
    });
    await connectDemoMailbox(service, mailbox);
    for (const c of manifest) {
      const raw = fs.readFileSync(path.join(CORPUS, c.file));
      bySha.set(crypto.createHash("sha256").update(raw).digest("hex"), c);
      await mailbox.append(c.folder, raw, new Date(c.internalDate));
    }
    await service.mail.runOnce("demo");
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await mailbox?.stop();
  });

  it("the corpus has at least 40 messages, and every one was taken exactly once", async (ctx) => {
    if (!mailbox) return ctx.skip();
    expect(manifest.length).toBeGreaterThanOrEqual(40);
    const rows = await service.handle.db.selectFrom("mail_messages").select("raw_sha256").execute();
    expect(rows.map((r) => bySha.get(r.raw_sha256)?.file).sort()).toEqual(manifest.map((c) => c.file).sort());
    expect(await mailbox.list("INBOX")).toHaveLength(0);
    expect(await mailbox.list("Junk")).toHaveLength(0);
  });

  it.for(manifest)("$file", async (c, ctx) => {
    if (!mailbox) return ctx.skip();
    const db = service.handle.db;
    const sha = [...bySha.entries()].find(([, v]) => v === c)![0];
    const row = await db
      .selectFrom("mail_messages")
      .selectAll()
      .where("raw_sha256", "=", sha)
      .executeTakeFirst();
    const want = c.expect;
    expect(row, c.about).toBeDefined();
    expect(row!.internal_date).toBe(new Date(c.internalDate).toISOString());

    // #10 mailbox, RG-4: a possible duplicate is kept (its bytes in the store) and points at the earlier mail.
    if (want.duplicateOf) {
      const earlier = await db
        .selectFrom("mail_messages")
        .select("raw_sha256")
        .where("id", "=", row!.duplicate_of ?? "")
        .executeTakeFirst();
      expect(bySha.get(earlier?.raw_sha256 ?? "")?.file, c.about).toBe(want.duplicateOf);
      expect(
        crypto
          .createHash("sha256")
          .update(await service.files.read(row!.raw_key!))
          .digest("hex"),
      ).toBe(sha);
    } else expect(row!.duplicate_of, c.about).toBeNull();
    // #10 mail signs and addresses (CH-4): the sign that decided, the raw From, the entry's flag.
    if (want.autoSign) expect(row!.reason, "CH-4 sign of automatic mail").toBe(want.autoSign);
    if (want.rawFrom !== undefined) expect(row!.raw_from, "raw From kept").toBe(want.rawFrom);
    if (want.flagged !== undefined || want.senderEmail === null) {
      const flags = await db
        .selectFrom("entries")
        .select(["ack_withheld", "sender_email", "reply_to", "sender_raw"])
        .where("id", "=", row!.entry_id ?? "")
        .executeTakeFirstOrThrow();
      if (want.flagged !== undefined)
        expect(flags.ack_withheld, "CH-4 flagged for the officer").toBe(want.flagged);
      if (want.senderEmail === null) {
        // CH-4: an address that was not read cleanly is stored nowhere as a sender or a recipient.
        expect(flags.sender_email).toBeNull();
        expect(flags.reply_to).toBeNull();
        expect(flags.sender_raw).toBe(want.rawFrom ?? null);
      }
    }

    if (want.outcome !== "registered") {
      expect(row!.outcome, c.about).toBe(want.outcome);
      expect(row!.entry_id).toBeNull();
      if (want.heldReason) expect(row!.reason).toBe(want.heldReason);
      if (want.bounceOf) expect(row!.reason).toBe(want.bounceOf);
      return;
    }

    expect(row!.outcome, `${c.about}: ${row!.reason}`).toBe("registered");
    const entry = await db
      .selectFrom("entries")
      .selectAll()
      .where("id", "=", row!.entry_id!)
      .executeTakeFirstOrThrow();
    expect(entry.channel).toBe("email");
    expect(entry.received_at, "CH-3 receipt time").toBe(
      new Date(want.receivedAt ?? c.internalDate).toISOString(),
    );
    expect(Number(entry.received_at_claimed) === 1, "CH-9 claimed time").toBe(
      want.receivedAtClaimed ?? false,
    );
    if (want.senderDate) expect(entry.sender_claimed_at).toBe(new Date(want.senderDate).toISOString());
    if (want.senderEmail) expect(entry.sender_email).toBe(want.senderEmail);
    if (want.senderName) expect(entry.sender_name).toBe(want.senderName);
    if (want.subject !== undefined) expect(entry.subject).toBe(want.subject);
    for (const text of want.bodyIncludes ?? []) expect(entry.body).toContain(text);
    if (want.signature !== undefined) expect(entry.signature, "FM-6 signature").toBe(want.signature);
    if (want.language) expect(entry.language).toBe(want.language);
    expect(entry.forwarded_by ?? undefined, "CH-9 forwarded by").toBe(want.forwardedBy);
    // RG-7: only another agency's letter has a letter number; no ordinary mail may get one by mistake.
    expect(entry.letter_reference, "RG-7 letter number").toBe(want.letterReference ?? null);
    expect(entry.letter_date, "RG-7 letter date").toBe(want.letterDate ?? null);

    // #10 mail parts: a part cut off or a container that could not be opened is noted on the mail's record.
    for (const note of want.reasonIncludes ?? []) expect(row!.reason, c.about).toContain(note);

    if (want.files) {
      const files = await db
        .selectFrom("attachments")
        .select(["filename", "refusal_code", "storage_key"])
        .where("entry_id", "=", entry.id)
        .orderBy("position")
        .execute();
      expect(files.map((f) => ({ filename: f.filename, refusal: f.refusal_code }))).toEqual(want.files);
      // RG-4: an accepted file is kept; a refused one is not stored at all.
      for (const f of files) expect(f.storage_key === null).toBe(f.refusal_code !== null);
    }

    const acknowledgement = await db
      .selectFrom("outbox")
      .select("recipient")
      .where("entry_id", "=", entry.id)
      .where("kind", "=", "acknowledgement")
      .executeTakeFirst();
    if (want.acknowledged) {
      expect(acknowledgement?.recipient, "CH-4 acknowledged to").toBe(want.ackTo);
    } else {
      expect(acknowledgement, "CH-4 automatic mail is not acknowledged").toBeUndefined();
      expect(row!.reason).toContain(`no-ack:${want.noAckReason}`);
    }
  });
});
