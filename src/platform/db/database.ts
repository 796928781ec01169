import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/** #18 shared: how long a request waits for a new PostgreSQL connection (or a free one in the pool). */
const CONNECT_TIMEOUT_MS = 10_000;
export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
  /**
   * #13 (ID-7): set once the key ring is loaded (`platform/crypto` `openSealed`): `db` then seals the
   * personal-data columns itself; code writing them with raw SQL seals with this.
   */
  sealer?: import("../crypto/sealer.js").Sealer;
}

/**
 * Opens the database named by a URL: `sqlite:<file>` (embedded default; `sqlite::memory:` for a throwaway)
 * or `postgres://…`. SQLite runs in WAL mode with a busy timeout so that several processes can write.
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): DatabaseHandle {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 15000");
    sqlite.pragma("foreign_keys = ON");
    // Full sync: an acknowledged receipt must survive a power cut, not only a process crash (RG-4).
    sqlite.pragma("synchronous = FULL");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: "sqlite", close: () => db.destroy() };
  }
  // #18 shared: a server that does not answer (restarting, failing over, unreachable) fails the request
  // within this, as a 503 to try again, instead of holding it until the client gives up.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection cut by the server (a restart, an administrator) is an event, not a crash: the
  // pool drops it and opens another when needed.
  pool.on("error", (error) => console.warn(`database: idle connection lost: ${error.message}`));
  // #18 shared: and a connection lost while checked out (inside a transaction, between two queries) fails
  // that work only; without a listener node-postgres would throw its error event and end the process.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs about as much as running, and our queries
 * are few and repeated, so statements are kept (bounded). Kysely runs one query at a time per
 * connection, so a statement is never used by two queries at once.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = statements.get(query);
      if (!statement) {
        if (statements.size >= 2000) statements.clear();
        statement = sqlite.prepare(query);
        statements.set(query, statement);
      }
      return statement;
    },
  };
}

/**
 * Runs `work` in one transaction. On SQLite the transaction takes the write lock at BEGIN (IMMEDIATE), so
 * two processes never deadlock upgrading a read lock; on PostgreSQL row locks serialize the writers.
 */
export async function withTransaction<T>(handle: DatabaseHandle, work: (trx: Db) => Promise<T>): Promise<T> {
  if (handle.dialect === "postgres") return handle.db.transaction().execute(work);
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/** True when `error` is a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** True when `db` (a handle's db or a transaction) talks to PostgreSQL. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
