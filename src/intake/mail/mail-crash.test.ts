import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_MASTER_KEY, type TestDatabase, testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV } from "../../../test/mail.js";
import { startSmtpListener } from "../../../test/smtp.js";
import { systemClock } from "../../platform/clock.js";
import { seedIfEmpty } from "../../service.js";

const MESSAGES = 1000;
const SEED = 20261122;
const ROOT = path.resolve(import.meta.dirname, "../../..");
const PDF = fs.readFileSync(path.join(ROOT, "test/fixtures/files/sample.pdf"));
const PHOTO = fs.readFileSync(path.join(ROOT, "test/fixtures/files/photo.png"));

/** mulberry32: the kill points are random but the same on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Message i: one sender each (so the hourly acknowledgement brake never applies), two attachments. */
function message(i: number): string {
  const part = (name: string, type: string, bytes: Buffer) =>
    [
      "--b",
      `Content-Type: ${type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      "Content-Transfer-Encoding: base64",
      "",
      bytes.toString("base64").replace(/.{76}/g, "$&\r\n"),
    ].join("\r\n");
  return [
    `From: Citizen ${i} <citizen-${i}@example.com>`,
    "To: saraban@demo.go.th",
    `Subject: Request ${i}`,
    "Date: Fri, 20 Nov 2026 10:00:00 +0700",
    `Message-ID: <crash-${i}@example.com>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Request number ${i}.`,
    part(`form-${i}.pdf`, "application/pdf", PDF),
    part(`photo-${i}.png`, "image/png", PHOTO),
    "--b--",
    "",
  ].join("\r\n");
}

describe.each(testDialects())("mail intake survives kill -9 on %s", (dialect) => {
  let mailbox: TestMailbox | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let database: TestDatabase;
  let dataDir: string;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    smtp = await startSmtpListener();
    database = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-crash-"));
    await seedIfEmpty(database.handle, systemClock, () => {});
    await connectDemoMailbox({ handle: database.handle, clock: systemClock }, mailbox);
    const accepted = new Date("2026-11-20T03:00:00.000Z");
    await mailbox.appendMany(
      "INBOX",
      Array.from({ length: MESSAGES }, (_, i) => ({
        raw: message(i),
        internalDate: new Date(accepted.getTime() + i * 1000),
      })),
    );
    // RG-4: citizen 5 sends again under the same Message-ID with other bytes, and a relay delivers that
    // twice: one more row (a possible duplicate), one byte-identical duplicate, no entry.
    const again = message(5).replace("Request number 5.", "Request number 5, with the right form.");
    await mailbox.appendMany("INBOX", [
      { raw: again, internalDate: new Date(accepted.getTime() + MESSAGES * 1000) },
      { raw: again, internalDate: new Date(accepted.getTime() + (MESSAGES + 1) * 1000) },
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await smtp?.close();
    await database?.drop();
    await mailbox?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The worker as deployed (ROLE=worker: mail intake + outbox), in its own process. */
  function startWorker(failpoint?: string): { child: ChildProcess; exited: Promise<NodeJS.Signals | null> } {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
        ROLE: "worker",
        SMTP_URL: smtp.url,
        SECRET_KEY: "crash-secret",
        LOG_LEVEL: "silent",
        OUTBOX_LEASE_SECONDS: "3",
        [MAILBOX_SECRET_ENV]: mailbox!.password,
        BORIKAN_FAILPOINT: failpoint ?? "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.add(child);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => {
        children.delete(child);
        resolve(signal);
      }),
    );
    return { child, exited };
  }

  async function finished(): Promise<boolean> {
    const db = database.handle.db;
    const taken = await db
      .selectFrom("mail_messages")
      .select(db.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const open = await db
      .selectFrom("outbox")
      .select(db.fn.countAll<number>().as("n"))
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirst();
    return Number(taken?.n) === MESSAGES + 1 && Number(open?.n) === 0;
  }

  it("RG-1, CH-4: killed mid-attachment, after commit before the IMAP move, and after sending an acknowledgement before recording it, every message is registered once, acknowledged at most once, numbers gapless", async (ctx) => {
    if (!mailbox) return ctx.skip();
    const random = seeded(SEED);
    const kills: string[] = [];
    for (const point of ["mail.mid-attachment", "mail.after-commit", "outbox.after-send"]) {
      const at = 1 + Math.floor(random() * 150);
      const worker = startWorker(`${point}@${at}`);
      const signal = await Promise.race([worker.exited, sleep(120_000).then(() => "timeout" as const)]);
      expect(signal, `${point}@${at}`).toBe("SIGKILL");
      kills.push(`${point}@${at}`);
    }
    expect(kills).toHaveLength(3);

    // The last worker runs undisturbed until everything is taken and every acknowledgement settled.
    const worker = startWorker();
    const deadline = Date.now() + 240_000;
    while (!(await finished())) {
      if (Date.now() > deadline) throw new Error("the worker did not finish in time");
      await sleep(250);
    }
    worker.child.kill("SIGTERM");
    await worker.exited;

    const db = database.handle.db;
    const entries = await db
      .selectFrom("entries")
      .select(["id", "sequence", "source_message_id", "acknowledged_at"])
      .orderBy("sequence")
      .execute();
    // Registered exactly once each…
    expect(entries).toHaveLength(MESSAGES);
    expect(new Set(entries.map((e) => e.source_message_id)).size).toBe(MESSAGES);
    // … with gapless numbers …
    expect(entries.map((e) => Number(e.sequence))).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    // … and every file of every message.
    const files = await db
      .selectFrom("attachments")
      .select(db.fn.countAll<number>().as("n"))
      .where("refusal_code", "is", null)
      .executeTakeFirst();
    expect(Number(files?.n)).toBe(2 * MESSAGES);
    // Nothing left behind in the mailbox.
    expect(await mailbox.list("INBOX")).toHaveLength(0);
    // RG-4: the re-sent mail is kept once, waiting for an officer; its byte copy is not a second row.
    const waiting = await db
      .selectFrom("mail_messages")
      .select(["message_id", "entry_id"])
      .where("outcome", "=", "possible-duplicate")
      .execute();
    expect(waiting).toEqual([{ message_id: "<crash-5@example.com>", entry_id: null }]);
    // Every copy Borikan moved is listed once (retention deletes only these): by the UID it has in the
    // processed folder, or, when a kill fell between the MOVE and recording its UIDs, by its Message-ID.
    const processed = await mailbox.list("Borikan-Processed");
    expect(processed).toHaveLength(MESSAGES + 2);
    const moves = await db.selectFrom("mail_moves").select(["uid", "message_id"]).execute();
    expect(moves).toHaveLength(MESSAGES + 2);
    const byUid = moves.filter((m) => m.uid !== null).map((m) => Number(m.uid));
    const unplaced = moves.filter((m) => m.uid === null).map((m) => m.message_id);
    const copies = new Map(processed.map((m) => [m.uid, m.messageId]));
    for (const uid of byUid) expect(copies.has(uid), `moved copy ${uid}`).toBe(true);
    const rest = processed.filter((m) => !byUid.includes(m.uid)).map((m) => m.messageId);
    expect(new Set(byUid).size).toBe(byUid.length);
    expect(unplaced.sort()).toEqual(rest.sort());

    // At most one acknowledgement per entry reached the mail server.
    const deliveries = new Map<string, number>();
    for (const mail of smtp.messages) {
      const id = mail.inReplyTo ?? "";
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    expect(Math.max(...deliveries.values())).toBe(1);
    const outbox = await db.selectFrom("outbox").select(["status", "entry_id"]).execute();
    expect(outbox).toHaveLength(MESSAGES);
    const sent = outbox.filter((o) => o.status === "sent");
    const uncertain = outbox.filter((o) => o.status === "uncertain");
    expect(sent.length + uncertain.length).toBe(MESSAGES);
    // The kill after sending leaves exactly its one message uncertain (it did go out) — never resent.
    expect(uncertain.length).toBeGreaterThanOrEqual(1);
    expect(smtp.messages.length).toBeGreaterThanOrEqual(sent.length);
    expect(smtp.messages.length).toBeLessThanOrEqual(MESSAGES);
    expect(entries.filter((e) => e.acknowledged_at !== null)).toHaveLength(sent.length);
  }, 600_000);
});
