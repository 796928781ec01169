import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../migrations/index.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { sealAuditTrail, verifyAuditTrail } from "../audit/index.js";
import { fixedClock } from "../platform/clock.js";
import { newMasterKey } from "../platform/crypto/index.js";
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
    // ID-7: the master key is not in the backup; without it, or with another, the restored install
    // refuses to start, saying which key to set.
    expect(manifest.encryption?.masterKeyIncluded).toBe(false);
    expect(fs.existsSync(path.join(t.dataDir, "encryption.key"))).toBe(false);
    await expect(startServiceOn(t, clock, null)).rejects.toThrow(/set ENCRYPTION_KEY/);
    await expect(startServiceOn(t, clock, newMasterKey())).rejects.toThrow(/set ENCRYPTION_KEY/);

    const reopened = await startServiceOn(t, clock);
    try {
      for (const [receiptNumber, key] of restored) {
        expect(sent.has(receiptNumber), `${receiptNumber} was never acknowledged`).toBe(true);
        // Stored sealed; opened with the install's key, the bytes are those sent.
        expect(
          fs
            .readFileSync(path.join(t.dataDir, "files", key!))
            .subarray(0, 4)
            .toString(),
        ).toBe("BKE1");
        expect(sha256(await reopened.files.read(key!)), receiptNumber).toBe(sent.get(receiptNumber));
        expect(fs.statSync(path.join(backupDir, "files", key!)).nlink).toBe(1); // a copy, not a link
      }
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
    // SC-1: personal data in a backup is closed to every account but the operator's.
    expect(fs.statSync(backupDir).mode & 0o077).toBe(0);
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
    await migrateToLatest(existing.db, migrations);
    await existing.close();
    await expect(restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir })).rejects.toThrow(
      /is not empty .*pass force/,
    );
    expect(fs.existsSync(t.dataDir)).toBe(false);
    expect(await restoredRows(t)).toHaveLength(0);

    await restoreBackup({ backupDir, databaseUrl: t.url, dataDir: t.dataDir, force: true });
    expect(await restoredRows(t)).toHaveLength(manifest.entries);
  });

  it("RG-4: a backup taken while the audit chain is being sealed carries its head files, and the restored install passes audit verify", async () => {
    const headDir = path.join(service.dataDir, "audit-heads");
    const stream = startStream(service, 2);
    let sealing = true;
    const sealer = (async () => {
      while (sealing) {
        await sealAuditTrail(service.handle, { clock, headFileDir: headDir });
        await sleep(5);
      }
    })();
    const backupDir = path.join(tempDir(), "backup");
    let manifest: Awaited<ReturnType<typeof createBackup>>;
    try {
      await stream.until(stream.acknowledged.length + 10);
      manifest = await createBackup({
        databaseUrl: service.database.url,
        dataDir: service.dataDir,
        targetDir: backupDir,
        auditHeadDir: headDir,
        clock,
      });
    } finally {
      await stream.stop();
      sealing = false;
      await sealer;
    }
    const heads = Object.keys(manifest.auditHeads ?? {});
    expect(heads).toEqual(["audit-head-2026-11-23.txt"]);

    const t = await target();
    const restoredHeads = path.join(t.dataDir, "audit-heads");
    const result = await restoreBackup({
      backupDir,
      databaseUrl: t.url,
      dataDir: t.dataDir,
      auditHeadDir: restoredHeads,
    });
    expect(result.auditHeadsRestored).toBe(1);
    const handle = openDatabase(t.url);
    try {
      const verified = await verifyAuditTrail(handle, { headFileDir: restoredHeads, now: clock.now() });
      expect(verified.problems).toEqual([]);
      expect(verified.ok).toBe(true);
      expect(verified.checked).toBeGreaterThan(10);
      // Without them (what a restore used to give) the end of the chain cannot be checked.
      const without = await verifyAuditTrail(handle, {
        headFileDir: path.join(t.dataDir, "none"),
        now: clock.now(),
      });
      expect(without.ok).toBe(false);
    } finally {
      await handle.close();
    }
  }, 120_000);

  it("SC-2: a backup cut off by a crash is cleared by the next one; other head files are refused, or moved aside when forced; crash leftovers in the store go at start", async () => {
    const backupDir = path.join(tempDir(), "backup");
    fs.mkdirSync(path.join(backupDir, "files", "sha256", "ab"), { recursive: true });
    fs.writeFileSync(path.join(backupDir, "database.sqlite"), "half a snapshot");
    fs.writeFileSync(path.join(backupDir, "files", "sha256", "ab", "x.1.0000000a.tmp"), "half a file");
    fs.writeFileSync(path.join(backupDir, "manifest.json.tmp"), "{");
    const headDir = path.join(service.dataDir, "audit-heads");
    await sealAuditTrail(service.handle, { clock, headFileDir: headDir });
    const manifest = await createBackup({
      databaseUrl: service.database.url,
      dataDir: service.dataDir,
      targetDir: backupDir,
      auditHeadDir: headDir,
    });
    expect(fs.existsSync(path.join(backupDir, "manifest.json.tmp"))).toBe(false);
    const foreign = path.join(tempDir(), "backup");
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, "notes.txt"), "mine");
    await expect(
      createBackup({ databaseUrl: service.database.url, dataDir: service.dataDir, targetDir: foreign }),
    ).rejects.toThrow(/is not empty/);

    const t = await target();
    const restoredHeads = path.join(t.dataDir, "audit-heads");
    fs.mkdirSync(restoredHeads, { recursive: true });
    fs.writeFileSync(path.join(restoredHeads, "audit-head-2026-01-01.txt"), `1 ${"0".repeat(64)} x\n`);
    const options = { backupDir, databaseUrl: t.url, dataDir: t.dataDir, auditHeadDir: restoredHeads };
    await expect(restoreBackup(options)).rejects.toThrow(/audit head files of another history .*force/);
    expect(fs.existsSync(path.join(t.dataDir, "files"))).toBe(false); // refused before touching anything
    await restoreBackup({ ...options, force: true });
    const names = fs.readdirSync(restoredHeads).sort();
    expect(names.filter((n) => n.endsWith(".txt"))).toEqual(Object.keys(manifest.auditHeads ?? {}));
    const aside = names.find((n) => n.startsWith("replaced-"));
    expect(fs.readdirSync(path.join(restoredHeads, aside!))).toEqual(["audit-head-2026-01-01.txt"]);

    // A copy cut off by a crash in the restored store is removed when the service starts there.
    const key = Object.keys(manifest.files)[0]!;
    const leftover = `${path.join(t.dataDir, "files", key)}.${2 ** 22 + 1}.0000000f.tmp`;
    fs.writeFileSync(leftover, "half a file");
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(leftover, old, old);
    const started = await startServiceOn(t, clock);
    await started.close();
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(path.join(t.dataDir, "files", key))).toBe(true);
  });
});
