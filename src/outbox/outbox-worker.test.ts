import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { startSmtpListener } from "../../test/smtp.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { DEFAULT_BUSINESS_HOURS } from "../calendar/index.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { createMailSender, type MailSender, type OutgoingMail } from "../platform/mail/transport.js";
import { acknowledgementMail, registerEntry } from "../register/index.js";
import { enqueueMessage } from "./enqueue-message.js";
import { findMessageFailures } from "./message-states.js";
import { createOutboxWorker, retryDelayMs } from "./outbox-worker.js";
import { permanentRefusal } from "./permanent-refusal.js";
import type { EntryMessageRow } from "./queued-mail.js";

describe("CH-12: which SMTP errors end the retries", () => {
  const smtpError = (responseCode: number | undefined, command: string, code = "EENVELOPE") =>
    Object.assign(new Error(`${responseCode ?? ""} answer`), {
      responseCode,
      command,
      code,
      response: `${responseCode} answer`,
    });
  it.each([
    [smtpError(550, "RCPT TO"), true],
    [smtpError(554, "DATA", "EMESSAGE"), true],
    [smtpError(undefined, "API"), true], // nodemailer: no recipients defined
    [smtpError(451, "RCPT TO"), false],
    [smtpError(421, "CONN", "EPROTOCOL"), false],
    [smtpError(535, "AUTH PLAIN", "EAUTH"), false], // our login: fixing the configuration must still send
    [smtpError(553, "MAIL FROM"), false], // our sender address, likewise
    [Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }), false],
  ])("%s → permanent: %s", (error, permanent) => {
    expect(permanentRefusal(error) !== undefined).toBe(permanent);
  });
});

describe("retry schedule", () => {
  it("backs off from 30 seconds to at most an hour", () => {
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
  });
});

describe.each(testDialects())("outbox on %s", (dialect) => {
  let database: TestDatabase;
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  const calendar = { timeZone: "Asia/Bangkok", hours: DEFAULT_BUSINESS_HOURS, holidays: new Set<string>() };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
  });
  afterAll(() => database.drop());
  const compose = (row: EntryMessageRow) =>
    acknowledgementMail(database.handle.db, row.entry_id, row.recipient, {
      secret: "s",
      publicUrl: "http://x",
    });

  async function entryWithAcknowledgement(recipient: string) {
    return withTransaction(database.handle, async (trx) => {
      const { entry } = await registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "web",
          senderName: "x",
          subject: "s",
          body: "",
          language: "th",
          attachments: [],
        },
        { clock, calendar, actor: "test" },
      );
      const message = {
        agencyId: "demo",
        entryId: entry.id,
        kind: "acknowledgement",
        channel: "email" as const,
        recipient,
      };
      await enqueueMessage(trx, message, clock.now().toISOString());
      await enqueueMessage(trx, { ...message, recipient: "second@example.com" }, clock.now().toISOString());
      return entry;
    });
  }

  it("CH-4: one acknowledgement per entry, even when enqueued twice and drained by two workers at once", async () => {
    const entry = await entryWithAcknowledgement("once@example.com");
    const sent: OutgoingMail[] = [];
    const mail = { configured: true, send: async (m: OutgoingMail) => void sent.push(m), close: () => {} };
    const workers = [0, 1].map(() =>
      createOutboxWorker({ handle: database.handle, clock, mail, compose, log: () => {} }),
    );
    await Promise.all(workers.map((w) => w.drain()));
    expect(sent.filter((m) => m.messageId?.startsWith(`<ack.${entry.id}.`))).toHaveLength(1);
    expect(sent[0]?.to).toBe("once@example.com");
    const row = await database.handle.db
      .selectFrom("entries")
      .select(["acknowledged_at", "acknowledged_via"])
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ acknowledged_at: clock.now().toISOString(), acknowledged_via: "email" });
  });

  it("CH-4: a worker that died before handing the message over leaves a lease; after it expires another sends it", async () => {
    const entry = await entryWithAcknowledgement("lease@example.com");
    const sent: OutgoingMail[] = [];
    const mail = { configured: true, send: async (m: OutgoingMail) => void sent.push(m), close: () => {} };
    // Dies while composing (never returns, as if killed): the mail server never saw the message.
    const crashed = createOutboxWorker({
      handle: database.handle,
      clock,
      mail,
      compose: () => new Promise<never>(() => {}),
      log: () => {},
    });
    void crashed.drain();
    await new Promise((r) => setTimeout(r, 200));
    const healthy = createOutboxWorker({ handle: database.handle, clock, mail, compose, log: () => {} });
    expect(await healthy.drain()).toBe(0); // still leased
    clock.set(new Date(clock.now().getTime() + 121_000));
    expect(await healthy.drain()).toBe(1);
    expect(sent.map((m) => m.to)).toEqual(["lease@example.com"]);
    const row = await database.handle.db
      .selectFrom("outbox")
      .select(["status", "attempts"])
      .where("entry_id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 2 });
  });

  it("CH-4: a worker that died while the mail server had the message leaves it uncertain, never sent twice", async () => {
    const entry = await entryWithAcknowledgement("uncertain@example.com");
    const sent: OutgoingMail[] = [];
    // The server takes the message, then the worker is gone before it can record so.
    const dying = {
      configured: true,
      send: (m: OutgoingMail) => {
        sent.push(m);
        return new Promise<void>(() => {});
      },
      close: () => {},
    };
    const crashed = createOutboxWorker({
      handle: database.handle,
      clock,
      mail: dying,
      compose,
      log: () => {},
    });
    void crashed.drain();
    await new Promise((r) => setTimeout(r, 200));
    const healthy = createOutboxWorker({
      handle: database.handle,
      clock,
      mail: { configured: true, send: async (m) => void sent.push(m), close: () => {} },
      compose,
      log: () => {},
    });
    clock.set(new Date(clock.now().getTime() + 121_000));
    expect(await healthy.drain()).toBe(0);
    expect(sent.map((m) => m.to)).toEqual(["uncertain@example.com"]);
    const row = await database.handle.db
      .selectFrom("outbox")
      .select(["status", "attempts"])
      .where("entry_id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "uncertain", attempts: 1 });
  });
});

// #10: a permanent SMTP refusal ends the retries at once; a temporary one keeps backing off (CH-4, CH-12).
describe.each(testDialects())("refusals by a real SMTP server on %s", (dialect) => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let sender: MailSender;
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  const calendar = { timeZone: "Asia/Bangkok", hours: DEFAULT_BUSINESS_HOURS, holidays: new Set<string>() };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
    smtp = await startSmtpListener();
    sender = createMailSender(smtp.url, () => {});
  });
  afterAll(async () => {
    sender?.close();
    await smtp?.close();
    await database.drop();
  });

  const worker = () =>
    createOutboxWorker({
      handle: database.handle,
      clock,
      mail: sender,
      compose: (row) =>
        acknowledgementMail(database.handle.db, row.entry_id, row.recipient, {
          secret: "s",
          publicUrl: "http://x",
        }),
      log: () => {},
    });

  async function queued(recipient: string, raw = false) {
    return withTransaction(database.handle, async (trx) => {
      const { entry } = await registerEntry(
        trx,
        {
          agencyId: "demo",
          channel: "web",
          senderName: "x",
          subject: "s",
          body: "",
          language: "th",
          attachments: [],
        },
        { clock, calendar, actor: "test" },
      );
      const message = {
        agencyId: "demo",
        entryId: entry.id,
        kind: "acknowledgement",
        channel: "email" as const,
        recipient,
      };
      if (!raw) await enqueueMessage(trx, message, clock.now().toISOString());
      else {
        // As a row written before addresses were checked.
        await trx
          .insertInto("outbox")
          .values({
            id: `old-${entry.id}`,
            agency_id: "demo",
            entry_id: entry.id,
            kind: "acknowledgement",
            channel: "email",
            recipient,
            payload: "{}",
            status: "pending",
            attempts: 0,
            next_attempt_at: clock.now().toISOString(),
            lease_until: null,
            last_error: null,
            sent_at: null,
            created_at: clock.now().toISOString(),
          })
          .execute();
      }
      return entry;
    });
  }
  const rowOf = (entryId: string) =>
    database.handle.db
      .selectFrom("outbox")
      .select(["status", "attempts", "last_error"])
      .where("entry_id", "=", entryId)
      .executeTakeFirstOrThrow();

  it("CH-12: a 550 for the recipient fails the message at once, never retried, audited", async () => {
    smtp.refuse("gone@example.com", 550);
    const entry = await queued("gone@example.com");
    expect(await worker().drain()).toBe(0);
    const row = await rowOf(entry.id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^refused: 550\b.*User unknown/);
    // A day later nothing is tried again.
    clock.set(new Date(clock.now().getTime() + 86_400_000));
    expect(await worker().drain()).toBe(0);
    expect((await rowOf(entry.id)).attempts).toBe(1);
    const audit = await database.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", entry.id)
      .where("action", "=", "outbox.refused")
      .execute();
    expect(audit).toHaveLength(1);
    const failures = await findMessageFailures(database.handle.db, [entry.id]);
    expect(failures.get(entry.id)).toMatch(/^refused: 550/);
  });

  it("CH-4: a 451 keeps backing off and the message goes once the server takes it", async () => {
    smtp.refuse("busy@example.com", 451);
    const entry = await queued("busy@example.com");
    expect(await worker().drain()).toBe(0);
    expect(await rowOf(entry.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await rowOf(entry.id)).last_error).toMatch(/451/);
    // Not due before its back-off.
    expect(await worker().drain()).toBe(0);
    expect((await rowOf(entry.id)).attempts).toBe(1);
    smtp.accept("busy@example.com");
    clock.set(new Date(clock.now().getTime() + retryDelayMs(1)));
    expect(await worker().drain()).toBe(1);
    expect(await rowOf(entry.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.messages.some((m) => m.to && JSON.stringify(m.to).includes("busy@example.com"))).toBe(true);
  });

  it("CH-4: an invalid recipient is refused by enqueueMessage and, on an old row, never handed to the server", async () => {
    await expect(queued("john smith@example.com")).rejects.toMatchObject({ code: "RECIPIENT_INVALID" });
    const before = smtp.raw.length;
    const entry = await queued("somchai.example.com", true);
    expect(await worker().drain()).toBe(0);
    expect(await rowOf(entry.id)).toMatchObject({
      status: "failed",
      last_error: "invalid-recipient: not a valid address",
    });
    expect(smtp.raw.length).toBe(before);
  });
});
