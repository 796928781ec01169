import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrations } from "../migrations/index.js";
import { systemClock } from "../src/platform/clock.js";
import { createSealer, loadKeyRing, type Sealer, sealHandle } from "../src/platform/crypto/index.js";
import { type DatabaseHandle, type Dialect, openDatabase } from "../src/platform/db/database.js";
import { migrateToLatest } from "../src/platform/db/migrate.js";
import { SEALED_COLUMNS } from "../src/sealed-columns.js";

/** The master key of test databases (ID-7): every suite runs with personal data sealed, as installs do. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);

/**
 * The databases every integration suite runs on: SQLite always, PostgreSQL when TEST_PG_URL names a
 * server (scripts/pg-test-server.sh starts one). In CI a missing PostgreSQL is a failure, not a skip.
 */
export function testDialects(): Dialect[] {
  if (process.env.TEST_PG_URL) return ["sqlite", "postgres"];
  if (process.env.CI === "true")
    throw new Error("CI=true but TEST_PG_URL is unset: the PostgreSQL suite must run in CI");
  return ["sqlite"];
}

export interface TestDatabase {
  dialect: Dialect;
  url: string;
  handle: DatabaseHandle;
  /** #13: the sealer the handles use (keyed hashes in tests are made with it). */
  sealer: Sealer;
  /** Opens another handle on the same database (as a second process would). */
  reopen(): DatabaseHandle;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-test-"));
    url = `sqlite:${path.join(dir, "test.sqlite")}`;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.TEST_PG_URL;
    if (!admin) throw new Error("TEST_PG_URL is unset");
    const name = `borikan_test_${crypto.randomBytes(6).toString("hex")}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // pg-pool's end() resolves before its sockets have closed: wait for the sessions to go, so that
      // the forced drop does not cut a connection still closing (up to 5 s, then force it anyway).
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const handle = openDatabase(url);
  await migrateToLatest(handle.db, migrations);
  const sealer = createSealer(await loadKeyRing(handle.db, [TEST_MASTER_KEY], systemClock));
  sealHandle(handle, sealer, SEALED_COLUMNS);
  return {
    dialect,
    url,
    handle,
    sealer,
    reopen: () => sealHandle(openDatabase(url), sealer, SEALED_COLUMNS),
    async drop() {
      await handle.close();
      await cleanup();
    },
  };
}
