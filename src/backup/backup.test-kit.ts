// Helpers for backup.test.ts: a stream of submissions, and empty databases to restore into.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { TEST_MASTER_KEY } from "../../test/db.js";
import type { TestService } from "../../test/service.js";
import { loadConfig } from "../config/index.js";
import type { Clock } from "../platform/clock.js";
import type { Dialect } from "../platform/db/database.js";
import { createMailSender } from "../platform/mail/transport.js";
import { createService, type Service } from "../service.js";

const SAMPLE_PDF = fs.readFileSync(path.resolve(import.meta.dirname, "../../test/fixtures/files/sample.pdf"));

export const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

export interface Acknowledged {
  receiptNumber: string;
  /** sha256 of the one PDF sent with it (each submission sends different bytes). */
  fileSha256: string;
}

/** Posts one JSON submission with a small PDF of its own, as a client of the API would. */
export async function submit(app: Service["app"], n: number): Promise<Acknowledged> {
  const bytes = Buffer.concat([SAMPLE_PDF, Buffer.from(`\n% submission ${n} ${crypto.randomUUID()}\n`)]);
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/requests",
    payload: {
      name: "สมชาย ใจดี",
      phone: "0812345678",
      subject: `คำขอที่ ${n}`,
      confirmed: true,
      attachments: [{ filename: `request-${n}.pdf`, contentBase64: bytes.toString("base64") }],
    },
  });
  const body = res.json();
  if (res.statusCode !== 201 || body.attachments?.[0]?.accepted !== true)
    throw new Error(`submission ${n}: ${res.statusCode} ${res.body}`);
  return { receiptNumber: body.receiptNumber, fileSha256: sha256(bytes) };
}

/** `writers` clients submitting one after another until stopped; `acknowledged` grows as 201s arrive. */
export function startStream(service: TestService, writers = 3) {
  const acknowledged: Acknowledged[] = [];
  let stopped = false;
  let n = 0;
  const writer = async () => {
    while (!stopped) acknowledged.push(await submit(service.app, n++));
  };
  const running = Promise.all(Array.from({ length: writers }, writer));
  running.catch(() => {}); // reported by stop()
  return {
    acknowledged,
    async until(count: number) {
      while (acknowledged.length < count) {
        if (stopped) throw new Error("stream stopped");
        await Promise.race([running, new Promise((r) => setTimeout(r, 10))]);
      }
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

export interface Target {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database with no tables (a new SQLite file name, or a new PostgreSQL database) and an empty DATA_DIR. */
export async function emptyTarget(dialect: Dialect): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-restore-"));
  const dataDir = path.join(dir, "data");
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (dialect === "sqlite")
    return { url: `sqlite:${path.join(dir, "restored.sqlite")}`, dataDir, drop: async () => removeDir() };
  const name = `borikan_restore_${crypto.randomBytes(6).toString("hex")}`;
  await admin(`create database ${name}`);
  const url = new URL(process.env.TEST_PG_URL ?? "");
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    async drop() {
      await admin(`drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

/**
 * The service as an operator would start it after a restore: with the install's master key (#13: never in
 * the backup), another key, or none (`null`).
 */
export function startServiceOn(
  target: Target,
  clock: Clock,
  encryptionKey: string | null = TEST_MASTER_KEY.toString("base64"),
): Promise<Service> {
  const config = loadConfig({
    DATABASE_URL: target.url,
    DATA_DIR: target.dataDir,
    ...(encryptionKey ? { ENCRYPTION_KEY: encryptionKey } : {}),
    ROLE: "web",
    SECRET_KEY: "test-secret",
    PUBLIC_URL: "http://borikan.test",
    LOG_LEVEL: "silent",
  });
  return createService(config, { clock, mail: createMailSender(undefined, () => {}), log: () => {} });
}
