import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startTestMailbox } from "../test/imap.js";
import { mailText } from "../test/mail.js";
import { DEMO_AGENCY } from "./agencies/index.js";

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, "../bin/borikan.js");
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-cli-"));
  dirs.push(dir);
  return dir;
};
const borikan = (dataDir: string, ...args: string[]) => borikanWith({}, dataDir, ...args);
const borikanWith = (env: Record<string, string>, dataDir: string, ...args: string[]) =>
  run(process.execPath, [cli, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the operator CLI", () => {
  it("RG-4: `borikan audit verify` passes on a clean database and fails after tampering", async () => {
    const data = tempDir();
    await borikan(data, "holidays", "import", "--shipped");
    expect(
      (await borikan(data, "staff", "create", "--agency", "x", "--email", "a@x.go.th", "--roles", "admin"))
        .code,
    ).toBe(1);
    expect((await borikan(data, "audit", "seal")).out).toMatch(/\d+ audit rows sealed/);
    const clean = await borikan(data, "audit", "verify");
    expect(clean.code).toBe(0);
    expect(clean.out).toContain("the chain is intact");
    new SQLite(path.join(data, "borikan.sqlite"))
      .prepare("update audit_events set actor = 'someone else' where chain_seq = 1")
      .run();
    const tampered = await borikan(data, "audit", "verify");
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain("THE CHAIN IS BROKEN");
  }, 60_000);

  it("CH-3: `borikan holidays import --help` documents the file and that an import replaces whole years; `holidays remove` takes out one day", async () => {
    const data = tempDir();
    const help = await borikan(data, "holidays", "import", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("date,name_th,name_en,kind[,status,source]");
    expect(help.out).toContain("An import REPLACES WHOLE YEARS");
    expect(help.out).toMatch(/kind +public \| substitution \| special \| agency/);
    expect(await borikan(data, "holidays", "import", "--shipped")).toMatchObject({ code: 0 });
    const removed = await borikan(data, "holidays", "remove", "2026-12-10");
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.out).toContain("removed 2026-12-10 from TH");
    const again = await borikan(data, "holidays", "remove", "2026-12-10");
    expect(again.code).toBe(1);
    expect(again.out).toContain("There is no holiday on that date");
    const db = new SQLite(path.join(data, "borikan.sqlite"));
    expect(db.prepare("select count(*) as n from holidays where date = '2026-12-10'").get()).toEqual({
      n: 0,
    });
    expect(
      db.prepare("select count(*) as n from audit_events where action = 'calendar.remove-holiday'").get(),
    ).toEqual({ n: 1 });
    db.close();
  }, 60_000);

  it("CH-3: `borikan holidays add` adds one special day with its source; without a source it is refused", async () => {
    const data = tempDir();
    expect(await borikan(data, "holidays", "import", "--shipped")).toMatchObject({ code: 0 });
    const day = ["--date", "2027-01-04", "--name-th", "วันหยุดพิเศษ (ทดสอบ)", "--name-en", "Special (test)"];
    const noSource = await borikan(data, "holidays", "add", ...day);
    expect(noSource.code).toBe(1);
    expect(noSource.out).toContain("source");
    const added = await borikan(data, "holidays", "add", ...day, "--source", "มติคณะรัฐมนตรี (ทดสอบ)");
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain("added 2027-01-04 to TH");
    const db = new SQLite(path.join(data, "borikan.sqlite"));
    const row = db.prepare("select kind, source from holidays where calendar = 'TH' and date = '2027-01-04'");
    expect(row.get()).toEqual({ kind: "special", source: "มติคณะรัฐมนตรี (ทดสอบ)" });
    // The shipped import brought next year computed: its lunar holidays are there.
    const lunar = db.prepare("select count(*) as n from holidays where date in ('2027-05-20', '2027-07-20')");
    expect(lunar.get()).toEqual({ n: 2 });
    db.close();
  }, 60_000);

  it("SC-2, RG-4: `borikan backup` then `borikan restore` into an empty data directory, where `audit verify` passes; a second restore is refused", async () => {
    const data = tempDir();
    await borikan(data, "holidays", "import", "--shipped");
    expect((await borikan(data, "audit", "seal")).out).toMatch(/[1-9]\d* audit rows sealed/);
    const backupDir = path.join(tempDir(), "backup");
    const backup = await borikan(data, "backup", backupDir);
    expect(backup.code).toBe(0);
    expect(backup.out).toContain("1 audit head files");
    expect(fs.existsSync(path.join(backupDir, "manifest.json"))).toBe(true);
    const target = tempDir();
    // ID-7: the master key file is never in the backup, and the restore says to supply it.
    expect(fs.existsSync(path.join(backupDir, "encryption.key"))).toBe(false);
    const restored = await borikan(target, "restore", backupDir);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain("ENCRYPTION_KEY");
    expect((await borikan(target, "audit", "verify")).out).toContain("no master key is given");
    fs.copyFileSync(path.join(data, "encryption.key"), path.join(target, "encryption.key"));
    const verify = await borikan(target, "audit", "verify");
    expect(verify.out).toContain("the chain is intact");
    expect(verify.code).toBe(0);
    const holidays = new SQLite(path.join(target, "borikan.sqlite"))
      .prepare("select count(*) as n from holidays")
      .get() as { n: number };
    expect(holidays.n).toBeGreaterThan(20);
    const again = await borikan(target, "restore", backupDir);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/force/);
  }, 60_000);

  it("CH-3, CH-12: an operator connects the central mailbox, checks its health and takes mail now", async (ctx) => {
    const mailbox = await startTestMailbox();
    if (!mailbox) return ctx.skip();
    try {
      const data = tempDir();
      const settings = path.join(data, "agency.json");
      fs.writeFileSync(settings, JSON.stringify(DEMO_AGENCY));
      expect((await borikan(data, "agency", "init", "--file", settings)).code).toBe(0);
      const unknown = await borikan(
        data,
        "mailbox",
        "set",
        "--agency",
        "nope",
        "--host",
        "h",
        "--user",
        "u",
        "--password-env",
        "P",
      );
      expect(unknown.code).toBe(1);
      const set = await borikan(
        data,
        "mailbox",
        "set",
        "--agency",
        "demo",
        "--host",
        mailbox.host,
        "--port",
        String(mailbox.port),
        "--no-tls",
        "--user",
        mailbox.user,
        "--password-env",
        "SARABAN_IMAP_PASSWORD",
        "--trusted-server",
        "mx.demo.go.th",
      );
      expect(set.code).toBe(0);
      expect(set.out).toContain("SARABAN_IMAP_PASSWORD is not set");
      const accepted = new Date("2026-11-20T03:00:00.000Z");
      await mailbox.append(
        "INBOX",
        mailText({ from: "cli@example.com", subject: "via CLI", body: "hello", messageId: "<cli-1@x>" }),
        accepted,
      );
      // Without its secret the check fails, says why, and the failure is kept for the officers (CH-12).
      const noSecret = await borikan(data, "mailbox", "check", "--agency", "demo");
      expect(noSecret.code).toBe(1);
      expect(noSecret.out).toContain("SARABAN_IMAP_PASSWORD");
      // Mail from before the chosen start date stays in INBOX untouched.
      await mailbox.append(
        "INBOX",
        mailText({ from: "old@example.com", subject: "old", body: "old", messageId: "<cli-old@x>" }),
        new Date("2026-10-01T03:00:00.000Z"),
      );
      const check = () =>
        borikanWith(
          { SARABAN_IMAP_PASSWORD: mailbox.password },
          data,
          "mailbox",
          "check",
          "--agency",
          "demo",
        );
      // A first connection to a mailbox holding older mail takes nothing until told what to take.
      const waiting = await check();
      expect(waiting.code).toBe(0);
      expect(JSON.parse(waiting.out.split("\n").find((l) => l.startsWith("{"))!)).toMatchObject({
        registered: 0,
        waitingForStart: 1,
      });
      const badDate = await borikan(data, "mailbox", "start", "--agency", "demo", "--since", "2026-13-01");
      expect(badDate.code).toBe(1);
      const start = await borikan(data, "mailbox", "start", "--agency", "demo", "--since", "2026-11-01");
      expect(start.code).toBe(0);
      expect(start.out).toContain('"count": 2');
      expect(start.out).toContain("2026-10-31T17:00:00.000Z");
      expect((await borikan(data, "mailbox", "start", "--agency", "demo")).code).toBe(1);
      const taken = await check();
      expect(taken.code).toBe(0);
      expect(JSON.parse(taken.out.split("\n").find((l) => l.startsWith("{"))!)).toMatchObject({
        registered: 1,
      });
      expect((await mailbox.list("INBOX")).map((m) => m.messageId)).toEqual(["<cli-old@x>"]);
      const status = await borikan(data, "mailbox", "status", "--agency", "demo");
      expect(status.out).toContain('"failingSince": null');
      const entry = new SQLite(path.join(data, "borikan.sqlite"))
        .prepare("select received_at from entries where source_message_id = '<cli-1@x>'")
        .get() as { received_at: string };
      expect(entry.received_at).toBe(accepted.toISOString());
    } finally {
      await mailbox.stop();
    }
  }, 150_000);
});
