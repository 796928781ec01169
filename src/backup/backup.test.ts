import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { openDatabase } from "../platform/db/database.js";
import { migrateToLatest } from "../platform/db/migrate.js";
import { emptyTarget, sha256, startServiceOn, startStream, submit, type Target } from "./backup.test-kit.js";
import { createBackup, restoreBackup } from "./index.js";

const MONDAY = "2026-11-23T02:15:00.000Z"; // 09:15 in Bangkok, 2569 BE

describe.each(testDialects())("backup and restore on %s", (dialect) => {
  const clock = fixedClock(MONDAY);
  let service: TestService;
  const cleanup: (() => Promise<void> | void)[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-backup-"));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const target = async () => {
    const t = await emptyTarget(dialect);
    cleanup.push(() => t.drop());
    return t;
  };
  const restoredRows = async (t: Target) => {
    const handle = openDatabase(t.url);
    try {
      return await handle.db
        .selectFrom("entries")
        .leftJoin("attachments", "attachments.entry_id", "entries.id")
        .select(["entries.receipt_number", "entries.sequence", "attachments.storage_key"])
        .orderBy("entries.sequence")
        .execute();
    } finally {
      await handle.close();
    }
  };

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    fs.writeFileSync(path.join(service.dataDir, "secret.key"), "install-secret");
  });
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
    await service?.stop();
  });

  it("SC-2, RG-4: a backup taken while submissions stream in restores every acknowledged submission, its files intact, numbered 1..N, and numbering continues at N+1", async () => {
    const stream = startStream(service);
    let before: typeof stream.acknowledged;
    let during: number;
    let manifest: Awaited<ReturnType<typeof createBackup>>;
    const backupDir = path.join(tempDir(), "backup");
    try {
      await stream.until(20);
      before = [...stream.acknowledged];
      manifest = await createBackup({
        databaseUrl: service.database.url,
        dataDir: service.dataDir,
        targetDir: backupDir,
        clock,
      });
      during = stream.acknowledged.length - before.length;
      await stream.until(stream.acknowledged.length + 5); // the service kept taking submissions
    } finally {
      await stream.stop();
    }
    expect(during).toBeGreaterThan(0); // the backup really overlapped the stream
    expect(manifest.dialect).toBe(dialect);

    const t = await target();
    const result = await restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir });
    expect(result.secretKeyRestored).toBe(true);
    expect(fs.readFileSync(path.join(t.dataDir, "secret.key"), "utf8")).toBe("install-secret");

    const rows = await restoredRows(t);
    const n = rows.length;
    expect(n).toBe(manifest.entries);
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(rows.map((r) => r.receipt_number)).toEqual(rows.map((r) => `${r.sequence}/2569`));
    const restored = new Map(rows.map((r) => [r.receipt_number, r.storage_key]));
    for (const ack of before) expect(restored.has(ack.receiptNumber), ack.receiptNumber).toBe(true);
    const sent = new Map(stream.acknowledged.map((a) => [a.receiptNumber, a.fileSha256]));
    expect(sent.size).toBe(stream.acknowledged.length); // receipt numbers were never handed out twice
    for (const [receiptNumber, key] of restored) {
      expect(sent.has(receiptNumber), `${receiptNumber} was never acknowledged`).toBe(true);
      const file = path.join(t.dataDir, "files", key!);
      expect(sha256(fs.readFileSync(file)), receiptNumber).toBe(sent.get(receiptNumber));
      expect(fs.statSync(path.join(backupDir, "files", key!)).nlink).toBe(1); // a copy, not a link
    }

    const reopened = await startServiceOn(t, clock);
    try {
      expect((await submit(reopened.app, 9999)).receiptNumber).toBe(`${n + 1}/2569`);
    } finally {
      await reopened.close();
    }
  }, 120_000);

  it("SC-2: a damaged or missing file in the backup makes restore refuse, naming each file, before touching anything", async () => {
    await submit(service.app, 10_001);
    await submit(service.app, 10_002);
    const backupDir = path.join(tempDir(), "backup");
    const manifest = await createBackup({
      databaseUrl: service.database.url,
      dataDir: service.dataDir,
      targetDir: backupDir,
    });
    const [damaged, missing] = Object.keys(manifest.files);
    const damagedFile = path.join(backupDir, "files", damaged!);
    const bytes = fs.readFileSync(damagedFile);
    bytes.writeUInt8(bytes.readUInt8(100) ^ 0xff, 100);
    fs.writeFileSync(damagedFile, bytes);
    fs.rmSync(path.join(backupDir, "files", missing!));

    const t = await target();
    const restore = restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir });
    await expect(restore).rejects.toThrow(/failed verification, nothing was restored/);
    const message = String(await restore.catch((e: Error) => e.message));
    expect(message).toContain(`files/${damaged}: damaged`);
    expect(message).toContain(`files/${missing}: missing`);
    expect(fs.existsSync(t.dataDir)).toBe(false);
    await expect(
      restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir, force: true }),
    ).rejects.toThrow(/failed verification/);
    if (dialect === "sqlite") expect(fs.existsSync(t.url.slice("sqlite:".length))).toBe(false);
    else expect(await restoredRows(t).catch((e: Error) => e.message)).toMatch(/does not exist/);
  });

  it("SC-2: restore refuses a database that already has tables unless forced, and a backup refuses a non-empty directory", async () => {
    const backupDir = path.join(tempDir(), "backup");
    const manifest = await createBackup({
      databaseUrl: service.database.url,
      dataDir: service.dataDir,
      targetDir: backupDir,
    });
    await expect(
      createBackup({ databaseUrl: service.database.url, dataDir: service.dataDir, targetDir: backupDir }),
    ).rejects.toThrow(/is not empty; give a new or empty directory/);

    const t = await target();
    const existing = openDatabase(t.url);
    await migrateToLatest(existing.db);
    await existing.close();
    await expect(restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir })).rejects.toThrow(
      /is not empty .*pass force/,
    );
    expect(fs.existsSync(t.dataDir)).toBe(false);
    expect(await restoredRows(t)).toHaveLength(0);

    await restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir, force: true });
    expect(await restoredRows(t)).toHaveLength(manifest.entries);
  });
});
