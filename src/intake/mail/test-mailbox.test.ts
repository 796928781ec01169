import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";

// Self-test of the Dovecot fixture the mail intake tests run against. Without Dovecot the
// tests skip locally; in CI startTestMailbox() throws instead, so they cannot skip silently.

function client(mailbox: TestMailbox, pass = mailbox.password): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: false,
    auth: { user: mailbox.user, pass },
    logger: false,
    disableAutoIdle: true,
  });
}

function rawMessage(messageId: string, subject: string): string {
  return [
    "From: citizen@example.com",
    "To: saraban@demo.go.th",
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    "Date: Fri, 20 Nov 2026 18:00:00 +0700",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hello",
    "",
  ].join("\r\n");
}

describe("test mailbox (real Dovecot on loopback)", () => {
  let mailbox: TestMailbox | undefined;

  beforeAll(async () => {
    mailbox = await startTestMailbox();
  });

  afterAll(async () => {
    await mailbox?.stop();
  });

  test("APPEND keeps the given INTERNALDATE and list() reports it with the Message-ID", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const internalDate = new Date("2026-11-20T11:00:00Z");
    const uid = await mailbox.append("INBOX", rawMessage("<first@example.com>", "First"), internalDate, [
      "\\Seen",
    ]);
    expect(uid).toBeGreaterThan(0);
    const messages = await mailbox.list("INBOX");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ uid, messageId: "<first@example.com>", flags: ["\\Seen"] });
    expect(messages[0]?.internalDate.toISOString()).toBe("2026-11-20T11:00:00.000Z");
  });

  test("special-use folders exist and new folders can be created", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.createFolder("Intake/2026");
    const uid = await mailbox.append("Intake/2026", rawMessage("<nested@example.com>", "Nested"));
    expect(await mailbox.list("Intake/2026")).toMatchObject([{ uid, messageId: "<nested@example.com>" }]);
    expect(await mailbox.list("Junk")).toEqual([]);

    const imap = client(mailbox);
    await imap.connect();
    try {
      const folders = await imap.list();
      const byUse = (use: string) => folders.find((f) => f.specialUse === use)?.path;
      expect(byUse("\\Junk")).toBe("Junk");
      expect(byUse("\\Sent")).toBe("Sent");
      expect(byUse("\\Trash")).toBe("Trash");
      expect(folders.map((f) => f.path)).toContain("Intake/2026");
      expect(imap.capabilities.has("MOVE")).toBe(true);
      expect(imap.capabilities.has("IDLE")).toBe(true);
    } finally {
      await imap.logout();
    }
  });

  test("two mailboxes started at once do not clash", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const started = await Promise.allSettled([startTestMailbox(), startTestMailbox()]);
    const [a, b] = started.map((s) => (s.status === "fulfilled" ? s.value : undefined));
    try {
      for (const s of started) if (s.status === "rejected") throw s.reason;
      if (!a || !b) throw new Error("a second mailbox did not start");
      expect(a.port).not.toBe(b.port);
      expect(a.port).not.toBe(mailbox.port);
      await a.append("INBOX", rawMessage("<only-a@example.com>", "A"));
      expect(await a.list("INBOX")).toMatchObject([{ messageId: "<only-a@example.com>" }]);
      expect(await b.list("INBOX")).toEqual([]);
    } finally {
      await Promise.all([a?.stop(), b?.stop()]);
    }
  });

  test("breakLogin makes login fail with an authentication error; restoreLogin fixes it", async (ctx) => {
    if (!mailbox) return ctx.skip();
    await mailbox.breakLogin();
    try {
      const imap = client(mailbox);
      const error = await imap.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      imap.close();
      expect(error).toMatchObject({ authenticationFailed: true });
      // The fixture itself still reaches the mailbox.
      await mailbox.append("INBOX", rawMessage("<while-broken@example.com>", "Broken"));
    } finally {
      await mailbox.restoreLogin();
    }
    const imap = client(mailbox);
    await imap.connect();
    const inbox = await imap.mailboxOpen("INBOX", { readOnly: true });
    await imap.logout();
    expect(inbox.exists).toBe(2);
  });
});
