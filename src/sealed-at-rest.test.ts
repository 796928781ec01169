import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MASTER_KEY, testDialects } from "../test/db.js";
import { startTestMailbox, type TestMailbox } from "../test/imap.js";
import { type FakeLine, startFakeLine } from "../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../test/line-webhook.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV } from "../test/mail.js";
import { signedInOfficer } from "../test/office.js";
import { startTestService, type TestService } from "../test/service.js";
import { publishTestService, TEST_SERVICE } from "../test/service-fixture.js";
import { createBackup } from "./backup/index.js";
import { connectionFor, findPgTool, runPgTool } from "./backup/pg-tools.js";
import { loadConfig } from "./config/index.js";
import { SUBMIT_DATA } from "./intake/line/index.js";
import { fixedClock } from "./platform/clock.js";
import { newMasterKey, parseMasterKey, rewrapKeys } from "./platform/crypto/index.js";
import { isPostgres } from "./platform/db/database.js";
import { createMailSender } from "./platform/mail/transport.js";
import { createService, type Service } from "./service.js";

// A valid 13-digit ID (checksum 9), planted everywhere personal data lands.
const ID = "1101700207129";
const NEEDLES = [ID, "1-1017-00207-12-9", "1 1017 00207 12 9"];
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The files (of those given) holding any needle, in UTF-8 bytes, UTF-16 or base64 of the needle. */
function holdingTheId(files: string[]): string[] {
  const patterns = NEEDLES.flatMap((n) => [
    Buffer.from(n, "utf8"),
    Buffer.from(n, "utf16le"),
    Buffer.from(Buffer.from(n).toString("base64").slice(0, 16)),
  ]);
  return files.filter((f) => {
    const bytes = fs.readFileSync(f);
    return patterns.some((p) => bytes.includes(p));
  });
}

function mailWithAttachment(): string {
  const boundary = "b-sealed-1";
  return [
    "From: สมชาย ใจดี <somchai@example.com>",
    "To: saraban@demo.go.th",
    `Subject: =?UTF-8?B?${Buffer.from("ขอสำเนาทะเบียนบ้าน").toString("base64")}?=`,
    "Date: Fri, 20 Nov 2026 10:00:00 +0700",
    "Message-ID: <sealed-1@example.com>",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `เรียน นายอำเภอ ข้าพเจ้า เลขประจำตัวประชาชน ${ID} ขอสำเนาทะเบียนบ้าน`,
    "",
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8; name="id.txt"',
    'Content-Disposition: attachment; filename="id.txt"',
    "Content-Transfer-Encoding: 7bit",
    "",
    `ID ${ID}`,
    "",
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

describe.each(testDialects())("personal data at rest on %s", (dialect) => {
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3_600_000));
  let mailbox: TestMailbox | undefined;
  let line: FakeLine;
  let service: TestService;
  let rotated: Service | undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-sealed-"));
  const ids = { mailEntry: "", lineEntry: "", applicationMatter: "" };

  beforeAll(async () => {
    mailbox = await startTestMailbox();
    line = await startFakeLine();
    service = await startTestService(dialect, {
      clock,
      env: { ...lineEnv(line), ...(mailbox ? { [MAILBOX_SECRET_ENV]: mailbox.password } : {}) },
    });
    if (mailbox) await connectDemoMailbox(service, mailbox);
    await connectLine(service, line, ACCEPTED);
    await publishTestService(service);
  });

  afterAll(async () => {
    await rotated?.close();
    await service?.stop();
    await line?.close();
    await mailbox?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("ID-7, SC-1: a national ID planted in a form field, a mail body, a mail attachment and a LINE message is found nowhere in clear", async (ctx) => {
    if (!mailbox) return ctx.skip();
    // 1. A web application: the ID as the applicant's, and typed into a form field.
    const png = fs.readFileSync(path.resolve(import.meta.dirname, "../test/fixtures/files/photo.png"));
    const web = await service.app.inject({
      method: "POST",
      url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
      payload: {
        applicant: { type: "person", name: "สมหญิง รักดี", idNumber: ID, email: "somying@example.com" },
        answers: { shopName: `ร้าน ${ID}`, hasBranch: "no" },
        documents: [
          { documentId: "id-card", filename: `บัตร ${ID}.png`, contentBase64: png.toString("base64") },
        ],
        signature: { name: "สมหญิง รักดี", confirmed: true },
        privacyNoticeVersion: "pn-1",
      },
    });
    expect(web.statusCode, web.body).toBe(201);
    const application = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", web.json().applicationId)
      .executeTakeFirstOrThrow();
    ids.applicationMatter = application.matter_id;
    // Read through the plugin the value is there, and its keyed hash finds it.
    expect(application.applicant_id_number).toBe(ID);
    expect(application.applicant_id_hmac).toMatch(/^[0-9a-f]{64}$/);

    // 2. A mail through the real intake: the ID in its body and in a text attachment.
    await mailbox.append("INBOX", mailWithAttachment(), ACCEPTED);
    expect((await service.mail.runOnce("demo")).registered).toBe(1);
    const mailEntry = await service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("channel", "=", "email")
      .executeTakeFirstOrThrow();
    ids.mailEntry = mailEntry.id;
    expect(mailEntry.body).toContain(ID);
    expect(mailEntry.sender_email_hmac).toMatch(/^[0-9a-f]{64}$/);

    // 3. A LINE message with it, submitted and named.
    const events = lineEvents("sealed");
    const source = { type: "user", userId: "U0123456789abcdef0123456789abcdef" };
    const t0 = ACCEPTED.getTime();
    for (const evt of [
      events.text(`ขอใบรับรอง เลขบัตร ${ID}`, t0, source),
      events.event({ type: "postback", postback: { data: SUBMIT_DATA } }, t0 + 1000, source),
      events.text("สมชาย ใจดี", t0 + 2000, source),
    ]) {
      expect((await postWebhook(service, line, deliveryOf([evt]))).statusCode).toBe(200);
      await service.line.drain();
    }
    const lineEntry = await service.handle.db
      .selectFrom("entries")
      .selectAll()
      .where("channel", "=", "line")
      .executeTakeFirstOrThrow();
    ids.lineEntry = lineEntry.id;
    expect(lineEntry.body).toContain(ID);
    await service.outbox.drain();

    // The database: SQLite's file and its WAL, checkpointed first; PostgreSQL's plain-text dump.
    const databaseFiles: string[] = [];
    if (isPostgres(service.handle.db)) {
      const dump = path.join(scratch, "dump.sql");
      const { dbname, env } = connectionFor(service.database.url);
      await runPgTool(findPgTool("pg_dump"), ["--format=plain", "--file", dump, "--dbname", dbname], env);
      expect(fs.statSync(dump).size).toBeGreaterThan(10_000);
      databaseFiles.push(dump);
    } else {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(service.handle.db);
      const file = service.database.url.slice("sqlite:".length);
      databaseFiles.push(file, ...[`${file}-wal`].filter((f) => fs.existsSync(f)));
    }
    expect(holdingTheId(databaseFiles)).toEqual([]);
    // The file store: the PNG, the raw .eml, the text attachment, LINE contents.
    const stored = filesUnder(path.join(service.dataDir, "files"));
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(holdingTheId(stored)).toEqual([]);
    // A backup made with the backup command.
    const backupDir = path.join(scratch, "backup");
    const manifest = await createBackup({
      databaseUrl: service.database.url,
      dataDir: service.dataDir,
      targetDir: backupDir,
    });
    expect(manifest.encryption).toMatchObject({ masterKeyIncluded: false });
    expect(fs.existsSync(path.join(backupDir, "encryption.key"))).toBe(false);
    expect(holdingTheId(filesUnder(backupDir))).toEqual([]);
    // The check can fail: the same scan finds the ID in what an officer reads.
    fs.writeFileSync(path.join(scratch, "plain.txt"), `x${ID}x`);
    expect(holdingTheId([path.join(scratch, "plain.txt")])).toHaveLength(1);
  });

  it("ID-7: after the master key is rotated, every page still reads (entry bodies, the application's ID)", async (ctx) => {
    if (!ids.mailEntry) return ctx.skip();
    const next = newMasterKey();
    expect(await rewrapKeys(service.handle.db, [TEST_MASTER_KEY], parseMasterKey(next))).toBe(2);
    const settings = {
      DATABASE_URL: service.database.url,
      DATA_DIR: service.dataDir,
      ROLE: "web",
      SECRET_KEY: "test-secret",
      PUBLIC_URL: "http://borikan.test",
      LOG_LEVEL: "silent",
    };
    // The old key no longer starts the service: loudly.
    await expect(
      createService(loadConfig({ ...settings, ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64") }), {
        clock,
        log: () => {},
      }),
    ).rejects.toThrow(/ENCRYPTION_KEY/);
    rotated = await createService(loadConfig({ ...settings, ENCRYPTION_KEY: next }), {
      clock,
      mail: createMailSender(undefined, () => {}),
      log: () => {},
    });
    const { client } = await signedInOfficer(
      rotated.app,
      rotated.handle,
      clock,
      "demo",
      "sealed@demo.go.th",
      ["admin", "saraban_officer"],
    );
    for (const entryId of [ids.mailEntry, ids.lineEntry]) {
      const page = await client.get(`/office/entries/${entryId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(ID);
    }
    const matter = await client.get(`/office/matters/${ids.applicationMatter}`);
    expect(matter.statusCode).toBe(200);
    expect(matter.body).toContain(ID);
  });
});
