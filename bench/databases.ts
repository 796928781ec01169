import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import type { Dialect } from "../src/platform/db/database.js";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A fresh, empty database of one dialect, and a temp data directory beside it. */
export interface FreshDatabase {
  dialect: Dialect;
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createFreshDatabase(
  dialect: Dialect,
  pgAdminUrl: string | undefined,
): Promise<FreshDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-"));
  if (dialect === "sqlite") {
    return {
      dialect,
      url: `sqlite:${path.join(dataDir, "bench.sqlite")}`,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  if (!pgAdminUrl) throw new Error("no PostgreSQL server");
  const name = `borikan_bench_${crypto.randomBytes(6).toString("hex")}`;
  await adminQuery(pgAdminUrl, `create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    dataDir,
    async drop() {
      await adminQuery(pgAdminUrl, `drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL server to use: TEST_PG_URL, else a throwaway one from scripts/pg-test-server.sh. */
export interface PgServer {
  url: string;
  /** How it was obtained, for the report. */
  source: string;
  /** Server settings that matter for write throughput. */
  settings: string;
  stop(): Promise<void>;
}

export async function findOrStartPostgres(log: (msg: string) => void): Promise<PgServer | undefined> {
  const fromEnv = process.env.TEST_PG_URL;
  if (fromEnv)
    return { url: fromEnv, source: "TEST_PG_URL", settings: await pgSettings(fromEnv), stop: async () => {} };
  const script = path.join(root, "scripts", "pg-test-server.sh");
  if (!fs.existsSync(script)) {
    log("PostgreSQL: skipped (TEST_PG_URL unset and scripts/pg-test-server.sh missing)");
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-pg-"));
  try {
    const { stdout } = await run("bash", [script, "start", dir], { timeout: 120_000 });
    const url = stdout.trim().split("\n").pop() ?? "";
    if (!url.startsWith("postgres")) throw new Error(`pg-test-server.sh printed ${JSON.stringify(stdout)}`);
    let stopped = false;
    return {
      url,
      source: "scripts/pg-test-server.sh",
      settings: await pgSettings(url),
      async stop() {
        if (stopped) return;
        stopped = true;
        await run("bash", [script, "stop", dir], { timeout: 60_000 }).catch((error) =>
          log(`pg stop: ${String(error)}`),
        );
      },
    };
  } catch (error) {
    await run("bash", [script, "stop", dir], { timeout: 60_000 }).catch(() => {});
    log(`PostgreSQL: skipped (could not start one: ${String(error).split("\n")[0]})`);
    return undefined;
  }
}

async function pgSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    const version = (await client.query("show server_version")).rows[0].server_version as string;
    const fsync = (await client.query("show fsync")).rows[0].fsync as string;
    const sync = (await client.query("show synchronous_commit")).rows[0].synchronous_commit as string;
    return `PostgreSQL ${version.split(" ")[0]}, fsync=${fsync}, synchronous_commit=${sync}`;
  } finally {
    await client.end();
  }
}
