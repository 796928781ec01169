import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/index.js";
import type { Clock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import { createMailSender } from "../src/platform/mail/transport.js";
import { createService, type Service } from "../src/service.js";
import { createTestDatabase, TEST_MASTER_KEY, type TestDatabase } from "./db.js";

export interface TestService extends Service {
  database: TestDatabase;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * The whole service on a fresh database of `dialect`, seeded with the demo agency and the shipped
 * holidays, its workers not started (tests drain the outbox when they choose), mail to `smtpUrl`.
 */
export async function startTestService(
  dialect: Dialect,
  options: { clock?: Clock; smtpUrl?: string; env?: Record<string, string> } = {},
): Promise<TestService> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-data-"));
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ROLE: "web",
    SECRET_KEY: "test-secret",
    ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
    PUBLIC_URL: "http://borikan.test",
    LOG_LEVEL: "silent",
    // #13: the web traffic log only where a test asks for it (TRAFFIC_LOG: "on")
    TRAFFIC_LOG: "off",
    ...options.env,
  });
  const service = await createService(config, {
    clock: options.clock,
    mail: createMailSender(options.smtpUrl, () => {}),
    log: () => {},
    // #17 assist2: no demo FAQ unless a test asks for it (DEMO_FAQ: "on"), so tests plant their own material
    env: { ...process.env, DEMO_FAQ: "off", ...options.env },
  });
  return {
    ...service,
    database,
    dataDir,
    async stop() {
      await service.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// #18 shared
/**
 * A second service on the first one's database, as a second web process of the same install would be
 * (its own handle, caches and data directory). Stopping it leaves the database to the first.
 */
export async function startSecondService(
  first: TestService,
  options: { env?: Record<string, string> } = {},
): Promise<Service & { stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-data-"));
  const config = loadConfig({
    DATABASE_URL: first.database.url,
    DATA_DIR: dataDir,
    ROLE: "web",
    SECRET_KEY: "test-secret",
    ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
    PUBLIC_URL: "http://borikan.test",
    LOG_LEVEL: "silent",
    TRAFFIC_LOG: "off",
    ...options.env,
  });
  const service = await createService(config, {
    clock: first.clock,
    mail: createMailSender(undefined, () => {}),
    log: () => {},
    env: { ...process.env, DEMO_FAQ: "off", ...options.env },
  });
  return {
    ...service,
    async stop() {
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
