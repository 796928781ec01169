import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV, mailText } from "../../../test/mail.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { findMailbox, saveMailbox } from "./mailbox.repo.js";

/** Polls `check` until it holds or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe.each(testDialects())("mailbox settings changed while the worker runs, on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let service: TestService;

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    service = await startTestService(dialect, { env: { [MAILBOX_SECRET_ENV]: mailbox.password } });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await mailbox?.stop();
  });

  const registered = async (messageId: string) =>
    !!(await service.handle.db
      .selectFrom("entries")
      .select("id")
      .where("source_message_id", "=", messageId)
      .executeTakeFirst());
  const deliver = (n: number) =>
    mailbox!.append(
      "INBOX",
      mailText({
        from: `live-${n}@example.com`,
        subject: `live ${n}`,
        body: "hello",
        messageId: `<live-${n}@x>`,
      }),
    );
  const change = async (edit: Partial<Parameters<typeof saveMailbox>[1]>) => {
    const current = await findMailbox(service.handle.db, "demo");
    await saveMailbox(service.handle.db, { ...current!, ...edit }, new Date().toISOString());
  };

  it("CH-12: a mailbox connected, changed, broken, mended and disabled while the worker runs takes effect without a restart", async (ctx) => {
    if (!mailbox) return ctx.skip();
    // The worker starts with no mailbox at all.
    service.mail.start();
    await sleep(500);
    await connectDemoMailbox(service, mailbox, { pollSeconds: 60 });
    await deliver(1);
    await eventually(() => registered("<live-1@x>"), 20_000, "mail of the newly connected mailbox");
    expect((await mailbox.list("Borikan-Processed")).map((m) => m.messageId)).toContain("<live-1@x>");

    // A new processed folder is used at the next pass, although the poll interval is a minute.
    await change({ processedFolder: "Borikan-Elsewhere" });
    await sleep(7000); // the change is noticed within the settings check (5 s)
    await deliver(2);
    await eventually(() => registered("<live-2@x>"), 20_000, "mail after the folder change");
    await eventually(
      async () => (await mailbox!.list("Borikan-Elsewhere")).some((m) => m.messageId === "<live-2@x>"),
      10_000,
      "the message in the new processed folder",
    );

    // A wrong port: the watcher reconnects with it and the failure is shown (CH-12) …
    await change({ port: 1 });
    await eventually(
      async () => !!(await findMailbox(service.handle.db, "demo"))?.health.failingSince,
      20_000,
      "the failure to be recorded",
    );
    // … and the right one again is tried at once, not after the back-off.
    await change({ port: mailbox.port });
    await deliver(3);
    await eventually(() => registered("<live-3@x>"), 20_000, "mail after the port was mended");

    // Disabled: nothing more is taken.
    await change({ enabled: false });
    await sleep(7000);
    await deliver(4);
    await sleep(4000);
    expect(await registered("<live-4@x>")).toBe(false);
    expect((await mailbox.list("INBOX")).map((m) => m.messageId)).toContain("<live-4@x>");
    await service.mail.stop();
  }, 120_000);

  it("CH-3: stopped in the middle of a long pass, the worker ends after the batch in hand: everything taken was moved, the rest waits in INBOX", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const total = 500;
    const at = new Date("2026-11-20T03:00:00.000Z");
    await mailbox.appendMany(
      "INBOX",
      Array.from({ length: total }, (_, n) => ({
        raw: mailText({
          from: `bulk-${n}@example.com`,
          subject: `bulk ${n}`,
          body: "hello",
          messageId: `<bulk-${n}@x>`,
        }),
        internalDate: new Date(at.getTime() + n * 1000),
      })),
    );
    const taken = async () =>
      (
        await service.handle.db
          .selectFrom("entries")
          .select("source_message_id")
          .where("source_message_id", "like", "<bulk-%")
          .execute()
      ).map((e) => e.source_message_id);
    service.mail.start();
    await connectDemoMailbox(service, mailbox, { pollSeconds: 60 });
    await eventually(async () => (await taken()).length >= 30, 60_000, "the pass to be under way");
    await service.mail.stop();
    const registered = await taken();
    expect(registered.length).toBeLessThan(total);
    const inbox = new Set((await mailbox.list("INBOX")).map((m) => m.messageId));
    expect(registered.filter((id) => inbox.has(id ?? ""))).toEqual([]);
    expect([...inbox].filter((id) => id?.startsWith("<bulk-"))).toHaveLength(total - registered.length);
  }, 180_000);
});
