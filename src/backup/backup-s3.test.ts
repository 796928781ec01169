import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_MASTER_KEY, testDialects } from "../../test/db.js";
import { startTestS3, type TestS3 } from "../../test/s3.js";
import { startTestService, type TestService } from "../../test/service.js";
import { loadConfig } from "../config/index.js";
import { fixedClock } from "../platform/clock.js";
import { openDatabase } from "../platform/db/database.js";
import { createMailSender } from "../platform/mail/transport.js";
import { openFileStore } from "../platform/storage/open-file-store.js";
import { createService } from "../service.js";
import { type Acknowledged, emptyTarget, submit } from "./backup.test-kit.js";
import { createBackup, restoreBackup } from "./index.js";

const clock = fixedClock("2026-11-23T02:15:00.000Z");

// #18: with files in an S3-compatible bucket, a backup copies the objects and a restore puts them back.
describe.each(testDialects())("backup and restore with object storage on %s", (dialect) => {
  let s3: TestS3;
  let service: TestService;
  const dirs: string[] = [];
  const tempDir = () => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "borikan-backup-s3-")));
    return dirs.at(-1)!;
  };
  beforeAll(async () => {
    s3 = await startTestS3();
    service = await startTestService(dialect, { clock, env: s3.env });
  });
  afterAll(async () => {
    await service?.stop();
    await s3?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("SC-2, RG-4: the bucket's objects are in the backup, and restored into another bucket prefix each one checks", async () => {
    const acknowledged: Acknowledged[] = [];
    for (let n = 1; n <= 3; n++) acknowledged.push(await submit(service.app, n));
    const backupDir = tempDir();
    const manifest = await createBackup({
      databaseUrl: service.database.url,
      dataDir: service.dataDir,
      targetDir: backupDir,
      files: service.files,
    });
    const keys = Object.keys(manifest.files);
    expect(keys).toHaveLength(3);
    // Copied as stored: sealed (ID-7), so the backup alone reveals nothing.
    for (const key of keys) {
      expect(manifest.files[key]!.sealed).toBe(true);
      expect(fs.existsSync(path.join(backupDir, "files", key))).toBe(true);
    }

    const target = await emptyTarget(dialect);
    try {
      const env = { ...s3.env, STORAGE_URL: `s3://${s3.bucket}/restored` };
      const restored = await restoreBackup({
        backupDir,
        databaseUrl: target.url,
        dataDir: target.dataDir,
        files: openFileStore(loadConfig(env).storage),
      });
      expect(restored.filesRestored).toBe(3);
      const config = loadConfig({
        ...env,
        DATABASE_URL: target.url,
        DATA_DIR: target.dataDir,
        ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
        ROLE: "web",
        SECRET_KEY: "test-secret",
        LOG_LEVEL: "silent",
      });
      const again = await createService(config, {
        clock,
        mail: createMailSender(undefined, () => {}),
        log: () => {},
      });
      try {
        const handle = openDatabase(target.url);
        const rows = await handle.db.selectFrom("attachments").select(["storage_key", "sha256"]).execute();
        await handle.close();
        expect(rows.map((r) => r.sha256).sort()).toEqual(acknowledged.map((a) => a.fileSha256).sort());
        // Read through the restored install's store: opened, and checked against each key's sha256.
        for (const row of rows) expect((await again.files.read(row.storage_key!)).length).toBeGreaterThan(0);
      } finally {
        await again.close();
      }
    } finally {
      await target.drop();
    }
  });

  it("RG-4: an object the database references but the bucket lost makes the backup refuse, naming it", async () => {
    const lost = await submit(service.app, 4);
    const key = `sha256/${lost.fileSha256.slice(0, 2)}/${lost.fileSha256}`;
    fs.rmSync(s3.objectFile(key));
    await expect(
      createBackup({
        databaseUrl: service.database.url,
        dataDir: service.dataDir,
        targetDir: tempDir(),
        files: service.files,
      }),
    ).rejects.toThrow(new RegExp(`${key}: missing`));
  });
});
