import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../test/db.js";
import { DEMO_AGENCY, findAgency, initAgency } from "../agencies/index.js";
import { loadBusinessCalendar } from "../calendar/agency-calendar.js";
import { fixedClock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, withTransaction } from "../platform/db/database.js";
import { registerEntry } from "../register/index.js";
import type { AuditEventsTable } from "./audit.table.js";
import {
  AUDIT_GENESIS_HASH,
  auditHead,
  auditHeadFile,
  auditRowHash,
  createAuditSealer,
  sealAuditTrail,
  verifyAuditTrail,
} from "./index.js";
import { recordAudit } from "./record-audit.js";

type AuditRow = { [K in keyof AuditEventsTable]: AuditEventsTable[K] };

const CONTENT_COLUMNS = [
  "id",
  "agency_id",
  "actor",
  "action",
  "subject_type",
  "subject_id",
  "data",
  "ip",
  "created_at",
] as const;
const CHAIN_COLUMNS = ["chain_seq", "prev_hash", "hash"] as const;

/** A value different from `value` of the same kind, as someone editing the row would write. */
function tampered(column: keyof AuditRow, value: unknown): string | number {
  switch (column) {
    case "chain_seq":
      return 10_000;
    case "prev_hash":
    case "hash":
      return "f".repeat(64);
    case "created_at":
      return new Date(Date.parse(String(value)) + 1000).toISOString();
    case "data":
      return JSON.stringify({ ...JSON.parse(String(value)), edited: true });
    default:
      return `${value ?? ""}x`;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Starts sealAuditTrail (one row per transaction) in a separate Node process, ready to go: `go()` starts
 * it and resolves to how many rows it sealed.
 */
async function childSealer(url: string, headFileDir: string, at: Date): Promise<{ go(): Promise<number> }> {
  const script = path.join(headFileDir, "..", `seal-${crypto.randomUUID()}.mts`);
  fs.writeFileSync(
    script,
    `import { once } from "node:events";
import { fixedClock } from ${JSON.stringify(path.join(root, "src/platform/clock.ts"))};
import { openDatabase } from ${JSON.stringify(path.join(root, "src/platform/db/database.ts"))};
import { sealAuditTrail } from ${JSON.stringify(path.join(root, "src/audit/seal-audit-trail.ts"))};
const handle = openDatabase(process.argv[2]!);
process.stdout.write("ready\\n");
await once(process.stdin, "data");
const sealed = await sealAuditTrail(handle, { clock: fixedClock(process.argv[4]!), headFileDir: process.argv[3]!, batchSize: 1 });
await handle.close();
process.stdout.write(String(sealed));
process.exit(0);
`,
  );
  const child = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [script, url, headFileDir, at.toISOString()],
    {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve)).finally(() =>
    fs.rmSync(script, { force: true }),
  );
  await expect.poll(() => output, { timeout: 20_000 }).toMatch(/^ready\n/);
  return {
    async go() {
      child.stdin.write("go\n");
      const code = await exited;
      if (code !== 0) throw new Error(`child sealer exited with ${code}`);
      return Number(output.slice("ready\n".length));
    },
  };
}

describe("RG-4: the audit hash", () => {
  it("RG-4: an audit row's hash is sha256 of the JSON array of format, position, previous hash and content", () => {
    const row = {
      id: "a1",
      agency_id: null,
      actor: "staff:7",
      action: "entry.read",
      subject_type: "entry",
      subject_id: "e1",
      data: '{"ชื่อ":"สมชาย"}',
      ip: "203.0.113.9",
      created_at: "2026-11-22T01:30:00.000Z",
    };
    const canonical =
      '["borikan-audit-v1",1,"0000000000000000000000000000000000000000000000000000000000000000","a1",null,"staff:7","entry.read","entry","e1","{\\"ชื่อ\\":\\"สมชาย\\"}","203.0.113.9","2026-11-22T01:30:00.000Z"]';
    expect(auditRowHash(row, 1, AUDIT_GENESIS_HASH)).toBe(
      crypto.createHash("sha256").update(Buffer.from(canonical, "utf8")).digest("hex"),
    );
  });
});

describe.each(testDialects())("audit trail hash chain on %s", (dialect) => {
  let database: TestDatabase;
  let headFileDir: string;
  // Monday 23 November 2026, 01:30 in Bangkok (still the 22nd in UTC).
  const clock = fixedClock("2026-11-22T18:30:00.000Z");
  const now = () => clock.now();

  async function audit(db: Db, action: string, extra: { ip?: string; at?: string } = {}) {
    await recordAudit(db, {
      agencyId: "demo",
      actor: "staff:test",
      action,
      subjectType: "entry",
      subjectId: crypto.randomUUID(),
      data: { note: "ข้อมูลส่วนบุคคล", action },
      ip: extra.ip,
      at: extra.at ?? clock.now().toISOString(),
    });
  }

  /**
   * A second connection to the same database. On PostgreSQL another pool; on SQLite the same handle,
   * because better-sqlite3 waits for a lock synchronously: a second connection in this process would
   * block the event loop the holder needs to finish (two processes are tested with a child process).
   */
  const secondHandle = (): DatabaseHandle & { release(): Promise<void> } => {
    if (dialect === "sqlite") return { ...database.handle, release: async () => {} };
    const other = database.reopen();
    return { ...other, release: () => other.close() };
  };

  /** Audit rows from several transactions, some at once and on two connections, and a registration. */
  async function writeAuditRows(handle: DatabaseHandle) {
    const other = secondHandle();
    try {
      await Promise.all(
        [handle, other, handle, other].map((h, i) =>
          withTransaction(h, async (trx) => {
            await audit(trx, `test.concurrent.${i}.a`, { ip: "192.0.2.1" });
            await audit(trx, `test.concurrent.${i}.b`);
          }),
        ),
      );
      const agency = (await findAgency(handle.db, "demo"))!;
      const calendar = await loadBusinessCalendar(handle.db, agency);
      await withTransaction(handle, (trx) =>
        registerEntry(
          trx,
          {
            agencyId: "demo",
            channel: "web",
            senderName: "ผู้ทดสอบ",
            subject: "ขอสำเนาเอกสาร",
            body: "",
            language: "th",
            attachments: [],
          },
          { clock, calendar, actor: "citizen", ip: "198.51.100.4" },
        ),
      );
      for (let i = 0; i < 3; i++) await withTransaction(handle, (trx) => audit(trx, `test.sequential.${i}`));
    } finally {
      await other.release();
    }
  }

  const rows = (): Promise<AuditRow[]> =>
    database.handle.db.selectFrom("audit_events").selectAll().orderBy("chain_seq").execute();
  const verify = (options: { headFileDir?: string | null } = {}) =>
    verifyAuditTrail(database.handle, {
      headFileDir: options.headFileDir === null ? undefined : (options.headFileDir ?? headFileDir),
      now: now(),
    });
  const setHead = (seq: number, hash: string) =>
    sql`update audit_chain_head set seq = ${seq}, hash = ${hash} where id = 1`.execute(database.handle.db);

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    headFileDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-audit-head-"));
    clock.set("2026-11-22T18:30:00.000Z");
    await initAgency(database.handle, DEMO_AGENCY, { clock, actor: "test" });
    await writeAuditRows(database.handle);
    await sealAuditTrail(database.handle, { clock, headFileDir });
  });
  afterEach(async () => {
    await database.drop();
    fs.rmSync(headFileDir, { recursive: true, force: true });
  });

  it("RG-4: audit rows written concurrently, a registration's among them, are sealed into one chain that verifies", async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.some((r) => r.action === "entry.register" && r.ip === "198.51.100.4")).toBe(true);
    expect(all.map((r) => r.chain_seq)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]!.prev_hash).toBe(AUDIT_GENESIS_HASH);
    const last = all.at(-1)!;
    expect(await auditHead(database.handle)).toEqual({ seq: all.length, hash: last.hash });

    // The head went to the file of the Bangkok date, which is already the 23rd.
    const file = auditHeadFile(headFileDir, now());
    expect(path.basename(file)).toBe("audit-head-2026-11-23.txt");
    expect(fs.readFileSync(file, "utf8")).toBe(`${all.length} ${last.hash} 2026-11-22T18:30:00.000Z\n`);

    expect(await verify()).toEqual({ ok: true, checked: all.length, problems: [], warnings: [] });

    // Nothing new: nothing sealed, no line added.
    expect(await sealAuditTrail(database.handle, { clock, headFileDir })).toBe(0);
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("RG-4: sealers running at once, on two connections and in another process, give each audit row one position", async () => {
    const before = (await rows()).length;
    for (let i = 0; i < 8; i++) await writeAuditRows(database.handle);
    const other = secondHandle();
    const child = await childSealer(database.url, headFileDir, now());
    try {
      // The other process first, so that it is surely sealing while this one starts.
      const elsewhere = child.go();
      await expect
        .poll(async () => (await auditHead(database.handle))!.seq, { interval: 5 })
        .toBeGreaterThan(before);
      const sealed = await Promise.all([
        elsewhere,
        sealAuditTrail(database.handle, { clock, headFileDir, batchSize: 1 }),
        sealAuditTrail(other, { clock, headFileDir, batchSize: 2 }),
      ]);
      const all = await rows();
      console.log("SEALED", sealed);
      expect(sealed.reduce((a, b) => a + b, 0)).toBe(all.length - before);
      expect(all.map((r) => r.chain_seq)).toEqual(all.map((_, i) => i + 1));
      expect(await verify()).toMatchObject({ ok: true, checked: all.length, problems: [] });
    } finally {
      await other.release();
    }
  });

  it("RG-4: changing any column of any audit row (first, middle, last) is caught", async () => {
    const all = await rows();
    const picks = [all[0]!, all[Math.floor(all.length / 2)]!, all.at(-1)!];
    for (const original of picks) {
      for (const column of [...CONTENT_COLUMNS, ...CHAIN_COLUMNS]) {
        const value = tampered(column, original[column]);
        await database.handle.db
          .updateTable("audit_events")
          .set({ [column]: value })
          .where("id", "=", original.id)
          .execute();
        const result = await verify();
        expect(result.ok, `${column} of row ${original.chain_seq}`).toBe(false);
        if ((CONTENT_COLUMNS as readonly string[]).includes(column)) {
          expect(result.problems, column).toContainEqual(
            expect.stringMatching(new RegExp(`^audit row ${original.chain_seq} .*altered`)),
          );
        }
        // Put it back: the chain verifies again, so each detection above was that column's alone.
        await database.handle.db
          .updateTable("audit_events")
          .set(original)
          .where("id", "=", column === "id" ? String(value) : original.id)
          .execute();
        expect(await verify(), `${column} restored`).toMatchObject({ ok: true, problems: [] });
      }
    }
  });

  it("RG-4: deleting an audit row in the middle of the chain is caught", async () => {
    const all = await rows();
    const middle = all[Math.floor(all.length / 2)]!;
    await database.handle.db.deleteFrom("audit_events").where("id", "=", middle.id).execute();
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.stringMatching(
        new RegExp(`^audit row ${middle.chain_seq! + 1} .*position ${middle.chain_seq} is missing`),
      ),
    );
    expect(result.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^audit row ${middle.chain_seq! + 1} .*does not link`)),
    );
  });

  it("RG-4: deleting the last audit row is caught by the head kept outside the database", async () => {
    const all = await rows();
    const last = all.at(-1)!;
    const before = all.at(-2)!;
    await database.handle.db.deleteFrom("audit_events").where("id", "=", last.id).execute();
    // Without touching the head, the database itself gives it away.
    expect((await verify({ headFileDir: null })).problems).toContainEqual(
      expect.stringContaining("is not the last sealed row"),
    );
    // The attacker covers the tracks: the head in the database now names the row before.
    await setHead(before.chain_seq!, before.hash!);
    expect((await verify({ headFileDir: null })).ok).toBe(true); // the database alone cannot tell
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^the chain ends at ${before.chain_seq} but .*audit-head-2026-11-23\\.txt line 1 recorded ${last.chain_seq} ${last.hash} .*removed from the end`,
        ),
      ),
    ]);
  });

  it("RG-4: cutting off the last audit row and sealing new rows in its place is caught by an earlier day's head file", async () => {
    const all = await rows();
    const last = all.at(-1)!;
    const before = all.at(-2)!;
    await database.handle.db.deleteFrom("audit_events").where("id", "=", last.id).execute();
    await setHead(before.chain_seq!, before.hash!);
    // The next day (Bangkok) new rows are sealed on top of the shortened chain: the latest file, the
    // 24th's, agrees with the chain; the 23rd's names the row that was cut.
    clock.set("2026-11-24T03:00:00.000Z");
    await withTransaction(database.handle, (trx) => audit(trx, "test.next-day"));
    expect(await sealAuditTrail(database.handle, { clock, headFileDir })).toBe(1);
    expect(fs.readdirSync(headFileDir).sort()).toEqual([
      "audit-head-2026-11-23.txt",
      "audit-head-2026-11-24.txt",
    ]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^audit row ${last.chain_seq} .*differs from ${last.hash} recorded in .*audit-head-2026-11-23\\.txt`,
        ),
      ),
    ]);
  });

  it("RG-4: taking the last audit row out of the chain (position cleared, head moved back) is caught", async () => {
    const all = await rows();
    const last = all.at(-1)!;
    const before = all.at(-2)!;
    await database.handle.db
      .updateTable("audit_events")
      .set({ chain_seq: null })
      .where("id", "=", last.id)
      .execute();
    await setHead(before.chain_seq!, before.hash!);
    const result = await verify({ headFileDir: null });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.stringContaining(`audit row ${last.id}: has a hash but no position`),
    );
  });

  it("RG-4: reordering two audit rows (swapping their positions) is caught", async () => {
    const all = await rows();
    const [a, b] = [all[2]!, all[5]!];
    const setSeq = (id: string, seq: number) =>
      database.handle.db.updateTable("audit_events").set({ chain_seq: seq }).where("id", "=", id).execute();
    await setSeq(a.id, 1_000_000);
    await setSeq(b.id, a.chain_seq!);
    await setSeq(a.id, b.chain_seq!);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^audit row ${a.chain_seq} \\(${b.id}\\): does not link`)),
    );
    expect(result.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^audit row ${a.chain_seq} \\(${b.id}\\): altered`)),
    );
  });

  it("RG-4: reordering two audit rows (swapping their contents) is caught", async () => {
    const all = await rows();
    const [a, b] = [all[3]!, all[4]!];
    const content = (r: AuditRow) => ({
      agency_id: r.agency_id,
      actor: r.actor,
      action: r.action,
      subject_type: r.subject_type,
      subject_id: r.subject_id,
      data: r.data,
      ip: r.ip,
      created_at: r.created_at,
    });
    const db = database.handle.db;
    await db.updateTable("audit_events").set(content(b)).where("id", "=", a.id).execute();
    await db.updateTable("audit_events").set(content(a)).where("id", "=", b.id).execute();
    const result = await verify();
    expect(result.ok).toBe(false);
    for (const r of [a, b])
      expect(result.problems).toContainEqual(
        expect.stringMatching(new RegExp(`^audit row ${r.chain_seq} .*altered`)),
      );
  });

  it("RG-4: an audit row slipped in behind the chain with an old time is caught", async () => {
    // A row written just now and waiting for the sealer is normal.
    await withTransaction(database.handle, (trx) => audit(trx, "test.fresh"));
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
    // One dated an hour back is not.
    const old = new Date(now().getTime() - 3_600_000).toISOString();
    await audit(database.handle.db, "test.backdated", { at: old });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(/^1 audit row\(s\) older than 10 minutes are not sealed/),
    ]);
    // Once sealed it is part of the chain, but still stands out as sealed after rows written later.
    expect(await sealAuditTrail(database.handle, { clock, headFileDir })).toBe(2);
    const sealed = await verify();
    expect(sealed).toMatchObject({ ok: true, problems: [] });
    expect(sealed.warnings).toEqual([
      expect.stringMatching(new RegExp(`written at ${old} but sealed after`)),
    ]);
  });

  it("RG-4: the sealer worker seals on its interval and each run appends the head to the day's file", async () => {
    const logs: string[] = [];
    const sealer = createAuditSealer({
      handle: database.handle,
      clock,
      headFileDir,
      log: (m) => logs.push(m),
    });
    await withTransaction(database.handle, (trx) => audit(trx, "test.worker.1"));
    expect(await sealer.sealNow()).toBe(1);
    await withTransaction(database.handle, (trx) => audit(trx, "test.worker.2"));
    sealer.start(20);
    await expect.poll(() => auditHead(database.handle).then((h) => h?.seq)).toBe((await rows()).length);
    await sealer.stop();
    const head = (await auditHead(database.handle))!;
    const lines = fs.readFileSync(auditHeadFile(headFileDir, now()), "utf8").trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toBe(`${head.seq} ${head.hash} ${now().toISOString()}`);
    expect(logs).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true, problems: [] });
  });
});
